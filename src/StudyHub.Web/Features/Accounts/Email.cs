using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace StudyHub.Web.Features.Accounts;

public sealed record EmailMessage(string To, string Subject, string Text);

/// How account emails (confirmation links, password resets) leave the app: by SMTP when `Email:Smtp:Host` is set,
/// else written to the log, which is what Development wants and Production must choose explicitly.
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// `Email:*` configuration.
public sealed class EmailOptions
{
    /// The address links in emails start with. Without it they use the address the request came to, which a
    /// forged Host header could choose, so Production needs it.
    public string? SiteAddress { get; set; }
    public bool LogLinks { get; set; }
    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public bool EnableSsl { get; set; } = true;
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? From { get; set; }
    }
}

static class EmailExtensions
{
    public static void AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email")
            .Validate<IHostEnvironment>((options, environment) => !environment.IsProduction() || options.LogLinks
                    || (options.Smtp.Host is { Length: > 0 } && options.Smtp.From is { Length: > 0 } && options.SiteAddress is { Length: > 0 }),
                "StudyHub sends links to confirm email addresses and reset passwords: in Production set Email:Smtp:Host, Email:Smtp:From "
                + "and Email:SiteAddress, or Email:LogLinks=true to write the links to the log instead.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender>(services =>
            services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host is { Length: > 0 }
                ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(services)
                : ActivatorUtilities.CreateInstance<LoggedEmailSender>(services));
    }
}

sealed class LoggedEmailSender(ILogger<LoggedEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        logger.LogWarning("Email to {To} (not sent, Email:Smtp:Host is not set): {Subject}\n{Text}", message.To, message.Subject, message.Text);
        return Task.CompletedTask;
    }
}

sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName is { Length: > 0 })
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }
        using var mail = new MailMessage(smtp.From!, message.To, message.Subject, message.Text);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
