using System.Text.Json;
using Microsoft.JSInterop;

namespace StudyHub.Web.Features.Annotations;

/// What a reader wrote in a form of the panel and has not sent; for the composer also the passage it annotates.
public sealed record Draft(Post? Post, Passage? Passage = null);

/// The unsent text of one reader's panel on one note, kept in the tab's sessionStorage as it is typed, so that a lost
/// circuit, a reload or a restarted instance costs the reader nothing they wrote. The tab's storage, not the server's:
/// it outlives the circuit, and is gone with the tab, so nothing written stays behind on a shared computer.
public sealed class Drafts
{
    /// The composer's form, whose draft also holds its passage.
    public const string Composer = "compose:new";
    public const string Comment = "comment";

    readonly IJSRuntime _js;
    readonly string _key;
    readonly Dictionary<string, Draft> _drafts;

    Drafts(IJSRuntime js, string key, Dictionary<string, Draft> drafts) => (_js, _key, _drafts) = (js, key, drafts);

    /// Reads what the tab kept of this reader's drafts on the note. Storage the browser refuses (a private window with
    /// none) or finds unreadable gives no drafts, never a broken panel.
    public static async Task<Drafts> LoadAsync(IJSRuntime js, string readerId, string note)
    {
        var key = $"studyhub:drafts:{readerId}:{note}";
        Dictionary<string, Draft>? kept = null;
        try
        {
            kept = await js.InvokeAsync<string?>("sessionStorage.getItem", key) is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, Draft>>(json, JsonSerializerOptions.Web) : null;
        }
        catch (Exception e) when (e is JSException or JsonException)
        {
        }
        return new Drafts(js, key, kept ?? []);
    }

    public IReadOnlyCollection<string> Forms => _drafts.Keys;

    public Draft? Of(string form) => _drafts.GetValueOrDefault(form);

    public Task KeepAsync(string form, Post post) => SaveAsync(() => _drafts[form] = new Draft(post, _drafts.GetValueOrDefault(form)?.Passage));

    public Task KeepAsync(Passage passage) => SaveAsync(() => _drafts[Composer] = new Draft(null, passage));

    public Task ForgetAsync(string form) => _drafts.Remove(form) ? SaveAsync(() => { }) : Task.CompletedTask;

    async Task SaveAsync(Action change)
    {
        change();
        try
        {
            await (_drafts.Count == 0
                ? _js.InvokeVoidAsync("sessionStorage.removeItem", _key)
                : _js.InvokeVoidAsync("sessionStorage.setItem", _key, JsonSerializer.Serialize(_drafts, JsonSerializerOptions.Web)));
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException)
        {
            // Full or refused storage: the text is still in the form, only not kept beyond the circuit.
        }
    }
}
