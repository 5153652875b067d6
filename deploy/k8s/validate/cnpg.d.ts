// The fields of CloudNativePG's resources that deploy/k8s uses, with their types and allowed values, written from
// the CRDs of CloudNativePG 1.30 (postgresql.cnpg.io_clusters/poolers/scheduledbackups.yaml) and of its Barman Cloud
// plugin 0.14 (barmancloud.cnpg.io_objectstores.yaml). No npm package carries those CRDs, so CI checks our objects
// against this subset: a misspelt or misplaced field fails, as does a wrong type or value; a field the CRDs have but
// this file does not is refused too, and must be added here, from the CRD, before it is used.
// `node validate.mjs --crd <file>...` checks the same objects against the CRD files themselves.
import type { ObjectMeta } from "kubernetes-types/meta/v1";
import type { LocalObjectReference, ResourceRequirements, SecretKeySelector } from "kubernetes-types/core/v1";

interface NameReference {
  name: string;
}

interface Storage {
  size?: string;
  storageClass?: string;
}

export interface Cluster {
  apiVersion: "postgresql.cnpg.io/v1";
  kind: "Cluster";
  metadata: ObjectMeta;
  spec: {
    instances: number;
    imageName?: string;
    primaryUpdateStrategy?: "unsupervised" | "supervised";
    bootstrap?: {
      initdb?: {
        database?: string;
        owner?: string;
        secret?: LocalObjectReference;
      };
    };
    postgresql?: {
      parameters?: Record<string, string>;
      synchronous?: {
        method: "any" | "first";
        number: number;
        dataDurability?: "required" | "preferred";
        failoverQuorum?: boolean;
      };
    };
    affinity?: {
      enablePodAntiAffinity?: boolean;
      podAntiAffinityType?: "preferred" | "required";
      topologyKey?: string;
    };
    resources?: ResourceRequirements;
    storage?: Storage;
    walStorage?: Storage;
    plugins?: Array<{
      name: string;
      enabled?: boolean;
      isWALArchiver?: boolean;
      parameters?: Record<string, string>;
    }>;
  };
}

export interface Pooler {
  apiVersion: "postgresql.cnpg.io/v1";
  kind: "Pooler";
  metadata: ObjectMeta;
  spec: {
    cluster: NameReference;
    instances?: number;
    type?: "rw" | "ro" | "r";
    pgbouncer: {
      poolMode?: "session" | "transaction";
      parameters?: Record<string, string>;
    };
  };
}

export interface ScheduledBackup {
  apiVersion: "postgresql.cnpg.io/v1";
  kind: "ScheduledBackup";
  metadata: ObjectMeta;
  spec: {
    // Six fields, seconds first.
    schedule: `${string} ${string} ${string} ${string} ${string} ${string}`;
    cluster: NameReference;
    immediate?: boolean;
    suspend?: boolean;
    backupOwnerReference?: "none" | "self" | "cluster";
    method?: "barmanObjectStore" | "volumeSnapshot" | "plugin";
    target?: "primary" | "prefer-standby";
    pluginConfiguration?: {
      name: string;
      parameters?: Record<string, string>;
    };
  };
}

export interface ObjectStore {
  apiVersion: "barmancloud.cnpg.io/v1";
  kind: "ObjectStore";
  metadata: ObjectMeta;
  spec: {
    configuration: {
      destinationPath: string;
      endpointURL?: string;
      s3Credentials?: {
        accessKeyId?: SecretKeySelector;
        secretAccessKey?: SecretKeySelector;
        region?: SecretKeySelector;
        sessionToken?: SecretKeySelector;
        inheritFromIAMRole?: boolean;
      };
      wal?: {
        compression?: "bzip2" | "gzip" | "lz4" | "snappy" | "xz" | "zstd";
        maxParallel?: number;
      };
      data?: {
        compression?: "bzip2" | "gzip" | "lz4" | "snappy";
        jobs?: number;
      };
    };
    // `XXu`: a positive number of days, weeks or months.
    retentionPolicy?: `${number}${"d" | "w" | "m"}`;
  };
}
