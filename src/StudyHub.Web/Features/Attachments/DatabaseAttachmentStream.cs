using System.Buffers;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using StudyHub.Web.Data;

namespace StudyHub.Web.Features.Attachments;

/// An attachment's bytes in PostgreSQL, read slice by slice with substring() from wherever the response starts
/// (a range request seeks first), so that neither a 64 MB file nor a small range of it is ever loaded whole.
/// Each slice is read into a pooled buffer on a connection held only for that query, so a slow reader keeps
/// a little memory, not a connection. Slices start at the size the response asks for and double up to
/// MaxSliceBytes: a small range costs one small query, a whole file a few dozen, and a range never reads
/// more than about twice its length.
sealed class DatabaseAttachmentStream(IDbContextFactory<StudyHubDbContext> contexts, string hash, long length) : Stream
{
    const int MaxSliceBytes = 4 * 1024 * 1024;

    long _position;
    byte[]? _slice;
    long _sliceStart;
    int _sliceLength;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(position, nameof(offset));
        if (position < _sliceStart || position > _sliceStart + _sliceLength)
        {
            // A jump elsewhere starts small again: it is most likely a range of its own.
            _sliceLength = 0;
            _sliceStart = position;
        }
        _position = position;
        return position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }
        if (_position >= _sliceStart + _sliceLength)
        {
            await ReadSliceAsync(Math.Min(Math.Max(buffer.Length, 2L * _sliceLength), MaxSliceBytes), cancellationToken);
        }
        var offset = (int)(_position - _sliceStart);
        var count = Math.Min(buffer.Length, _sliceLength - offset);
        _slice.AsMemory(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    async Task ReadSliceAsync(long wanted, CancellationToken cancellationToken)
    {
        var size = (int)Math.Min(wanted, length - _position);
        if (_slice is null || _slice.Length < size)
        {
            if (_slice is not null)
            {
                ArrayPool<byte>.Shared.Return(_slice);
            }
            _slice = ArrayPool<byte>.Shared.Rent(size);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT substring("Bytes" FROM $1 FOR $2) FROM "AttachmentContents" WHERE "ContentHash" = $3""", connection)
        {
            Parameters =
            {
                new() { Value = _position + 1, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = size, NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = hash, NpgsqlDbType = NpgsqlDbType.Char },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new IOException($"The attachment {hash} was deleted while it was being sent.");
        }
        await using var column = await reader.GetStreamAsync(0, cancellationToken);
        await column.ReadExactlyAsync(_slice.AsMemory(0, size), cancellationToken);
        _sliceStart = _position;
        _sliceLength = size;
    }

    /// Responses read asynchronously; Kestrel refuses synchronous reads anyway.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the attachment asynchronously.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_slice is not null)
        {
            ArrayPool<byte>.Shared.Return(_slice);
            _slice = null;
        }
        base.Dispose(disposing);
    }
}
