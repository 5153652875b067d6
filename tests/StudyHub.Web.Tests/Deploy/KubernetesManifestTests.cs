using System.ComponentModel;
using System.Diagnostics;
using StudyHub.Testing;

namespace StudyHub.Web.Tests.Deploy;

/// No Kubernetes cluster is reachable here, so deploy/k8s is checked offline: deploy/k8s/validate renders the example
/// overlays with kustomize and checks every object against the Kubernetes schemas, for unknown fields, and for the
/// references and shutdown timing between them (deploy/README.md says what that does not cover).
public sealed class KubernetesManifestTests
{
    static readonly string Validator = Path.Combine(RepositoryFiles.Root, "deploy", "k8s", "validate");

    [Fact]
    public void ExampleOverlaysRenderAndEveryObjectIsValid()
    {
        Assert.True(Directory.Exists(Path.Combine(Validator, "node_modules")),
            "The manifest validator's packages are missing: run `npm ci --prefix deploy/k8s/validate` (needs Node.js 20 or later " +
            "and the npm registry; .ci/run does this).");

        var (exitCode, output) = Run("node", "validate.mjs");

        Assert.True(exitCode == 0, $"deploy/k8s/validate/validate.mjs exited with {exitCode}:\n{output}");
    }

    static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Validator,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Fail("Node.js is needed to validate deploy/k8s: apt-get install nodejs npm, then npm ci --prefix deploy/k8s/validate.");
            throw;
        }
        using (process)
        {
            var standardError = process.StandardError.ReadToEndAsync();
            var standardOutput = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, standardOutput + standardError.Result);
        }
    }
}
