using System.Buffers.Binary;

namespace StudyHub.Web.Features.Import;

/// Where a zip's central directory (its list of entries) is and what its end records say about it, read from the file's
/// last bytes, so that a zip can be judged before ZipArchive reads the whole list into memory. Follows the Zip64 end
/// record when the classic one's fields are full, as ZipArchive does.
public sealed record ZipDirectory(long DeclaredEntries, long Offset, long End)
{
    const uint EndSignature = 0x06054b50;
    const uint Zip64LocatorSignature = 0x07064b50;
    const uint Zip64EndSignature = 0x06064b50;
    const uint EntrySignature = 0x02014b50;
    const int EndLength = 22;
    const int Zip64LocatorLength = 20;
    const int Zip64EndLength = 56;
    const int EntryLength = 46;

    /// The bytes from the list's start to the end records: what a reader of the list may have to go through, whatever
    /// size the end record declares.
    public long Length => End - Offset;

    /// Throws InvalidDataException when the file has no end record, or one that points outside the file.
    public static ZipDirectory Read(Stream zip)
    {
        var tail = new byte[(int)Math.Min(zip.Length, EndLength + ushort.MaxValue)];
        zip.Seek(-tail.Length, SeekOrigin.End);
        zip.ReadExactly(tail);
        // The end record is followed only by its comment; the last signature wins, as in ZipArchive.
        var at = tail.Length - EndLength;
        while (at >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
        {
            at--;
        }
        if (at < 0)
        {
            throw new InvalidDataException("No end of central directory record.");
        }
        var end = tail.AsSpan(at, EndLength);
        var endPosition = zip.Length - tail.Length + at;
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var directoryEnd = endPosition;
        if ((entries == ushort.MaxValue || offset == uint.MaxValue || BinaryPrimitives.ReadUInt16LittleEndian(end[4..]) == ushort.MaxValue)
            && endPosition >= Zip64LocatorLength)
        {
            var locator = new byte[Zip64LocatorLength];
            zip.Seek(endPosition - Zip64LocatorLength, SeekOrigin.Begin);
            zip.ReadExactly(locator);
            var zip64Position = (long)BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64LocatorSignature && zip64Position >= 0
                && zip64Position <= endPosition - Zip64LocatorLength - Zip64EndLength)
            {
                var zip64 = new byte[Zip64EndLength];
                zip.Seek(zip64Position, SeekOrigin.Begin);
                zip.ReadExactly(zip64);
                if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
                {
                    throw new InvalidDataException("The Zip64 end of central directory locator points elsewhere.");
                }
                entries = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)), long.MaxValue);
                offset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)), long.MaxValue);
                directoryEnd = zip64Position;
            }
        }
        return offset <= directoryEnd
            ? new ZipDirectory(entries, offset, directoryEnd)
            : throw new InvalidDataException("The central directory starts past its end record.");
    }

    /// Counts the entries the list really holds, which a forged end record may understate, by walking their headers
    /// without keeping any; stops once past <paramref name="enough"/>.
    public long CountEntries(Stream zip, long enough)
    {
        var header = new byte[EntryLength];
        var position = Offset;
        long count = 0;
        while (count <= enough && position + EntryLength <= End)
        {
            zip.Seek(position, SeekOrigin.Begin);
            zip.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != EntrySignature)
            {
                break;
            }
            count++;
            var span = header.AsSpan();
            position += EntryLength + BinaryPrimitives.ReadUInt16LittleEndian(span[28..])
                + BinaryPrimitives.ReadUInt16LittleEndian(span[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(span[32..]);
        }
        return count;
    }
}
