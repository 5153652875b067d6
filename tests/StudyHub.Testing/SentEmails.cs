using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using StudyHub.Web.Features.Accounts;

namespace StudyHub.Testing;

/// The app's outbox in tests: every email it sends, in order.
public sealed partial class SentEmails : IEmailSender
{
    readonly ConcurrentQueue<EmailMessage> _sent = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<EmailMessage> To(string address) =>
        _sent.Where(message => string.Equals(message.To, address, StringComparison.OrdinalIgnoreCase)).ToList();

    /// The path and query of the last link to <paramref name="path"/> sent to <paramref name="address"/>.
    public string LinkTo(string address, string path)
    {
        var link = To(address).Select(message => Link().Matches(message.Text).Select(match => new Uri(match.Value)))
            .SelectMany(links => links).LastOrDefault(uri => uri.AbsolutePath == path)
            ?? throw new InvalidOperationException($"No email to {address} links to {path}.");
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
