using System.Collections.Concurrent;
using System.Threading.Channels;

namespace StudyHub.Web.Features.Sync;

/// The syncs this instance has been asked for. A vault asked for again before its sync starts is asked for once; asked
/// for while its sync runs, it is synced once more afterwards: a burst of pushes costs at most two syncs.
public sealed class SyncRequests
{
    readonly Channel<(Guid VaultId, string Trigger)> _due = Channel.CreateUnbounded<(Guid, string)>();
    readonly ConcurrentDictionary<Guid, byte> _waiting = new();

    /// Raised when a source is set, so that its folder is watched without waiting for the next rescan.
    public event Action? SourcesChanged;

    public void Request(Guid vaultId, string trigger)
    {
        if (_waiting.TryAdd(vaultId, 0))
        {
            _due.Writer.TryWrite((vaultId, trigger));
        }
    }

    public void NoticeSourcesChanged() => SourcesChanged?.Invoke();

    public async IAsyncEnumerable<(Guid VaultId, string Trigger)> TakeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var request in _due.Reader.ReadAllAsync(cancellationToken))
        {
            _waiting.TryRemove(request.VaultId, out _);
            yield return request;
        }
    }
}
