namespace StudyHub.Web.Features.Annotations;

/// A passage selected on the page (js/discussion.js): the quote, the page's text on either side, the heading it stands
/// under, the player's time then and which recording it played (0 the first). Or a transcript cue chosen (js/transcript.js): its words and the cue.
public sealed record Passage(string Quote, string Prefix, string Suffix, string? Heading, int? Seconds, CueAt? Cue = null, int Recording = 0);

/// What a reader wrote in one of the panel's forms. Time is as typed ("28:00"); empty takes the time away.
public sealed record Post(string Body, string Visibility = "", string Time = "");

/// What the panel's buttons and forms ask for. Each answer is the broken limits by field, empty when the change was made.
/// DiscussionPanel does them in its circuit; component tests answer as they need.
public interface IDiscussionCommands
{
    Task<IReadOnlyDictionary<string, string[]>> AnnotateAsync(Passage passage, Post post);
    Task<IReadOnlyDictionary<string, string[]>> ReplyAsync(Guid annotationId, Post post);
    Task<IReadOnlyDictionary<string, string[]>> CommentAsync(Post post);
    Task<IReadOnlyDictionary<string, string[]>> EditAnnotationAsync(Guid id, Post post);
    Task<IReadOnlyDictionary<string, string[]>> EditCommentAsync(Guid id, Post post);

    /// Resolving, reopening, hiding and unhiding an annotation.
    Task<IReadOnlyDictionary<string, string[]>> ChangeAnnotationAsync(Guid id, AnnotationChange change);
    Task<IReadOnlyDictionary<string, string[]>> HideCommentAsync(Guid id, bool hidden);

    /// Asks the reader first; an annotation goes with its replies.
    Task<IReadOnlyDictionary<string, string[]>> DeleteAsync(Guid id, bool annotation);
    Task<IReadOnlyDictionary<string, string[]>> CopyLinkAsync(Guid annotationId);
}
