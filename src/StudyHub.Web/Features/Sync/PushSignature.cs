using System.Security.Cryptography;
using System.Text;

namespace StudyHub.Web.Features.Sync;

/// Whether a push event came from the git host that knows the vault's webhook secret, in the host's own scheme:
/// GitHub signs the body with HMAC-SHA256 in X-Hub-Signature-256 ("sha256=" and hex), Gitea does the same in
/// X-Gitea-Signature (bare hex), GitLab sends the secret itself in X-Gitlab-Token. Every comparison takes the same time
/// whatever the bytes, so that a caller cannot learn the signature a byte at a time.
public static class PushSignature
{
    public const string GitHubHeader = "X-Hub-Signature-256";
    public const string GiteaHeader = "X-Gitea-Signature";
    public const string GitLabHeader = "X-Gitlab-Token";

    public static bool IsValid(IHeaderDictionary headers, ReadOnlySpan<byte> body, string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (headers[GitHubHeader].ToString() is { Length: > 0 } github)
        {
            return github.StartsWith("sha256=", StringComparison.Ordinal) && HexEquals(github["sha256=".Length..], HMACSHA256.HashData(key, body));
        }
        if (headers[GiteaHeader].ToString() is { Length: > 0 } gitea)
        {
            return HexEquals(gitea, HMACSHA256.HashData(key, body));
        }
        if (headers[GitLabHeader].ToString() is { Length: > 0 } gitlab)
        {
            // Hashed first so that both sides have the same length and the comparison says nothing about the secret's.
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(gitlab)), SHA256.HashData(key));
        }
        return false;
    }

    static bool HexEquals(string hex, byte[] expected)
    {
        var given = new byte[expected.Length];
        return Convert.FromHexString(hex.Trim(), given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == given.Length
            && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
