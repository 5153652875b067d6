using System.Buffers.Binary;

namespace StudyHub.Web.Features.Attachments;

/// An image's size in pixels, read from its header at import, so that a page reserves the image's place before it
/// loads (no layout shift) without decoding it.
public readonly record struct ImageSize(int Width, int Height)
{
    /// The size a PNG, GIF, JPEG, WebP or BMP file declares; null for other formats (SVG, AVIF) and damaged headers.
    public static ImageSize? Of(ReadOnlySpan<byte> file)
    {
        var size = file switch
        {
            [0x89, (byte)'P', (byte)'N', (byte)'G', ..] when file.Length >= 24 =>
                new ImageSize(BinaryPrimitives.ReadInt32BigEndian(file[16..]), BinaryPrimitives.ReadInt32BigEndian(file[20..])),
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] when file.Length >= 10 =>
                new ImageSize(BinaryPrimitives.ReadUInt16LittleEndian(file[6..]), BinaryPrimitives.ReadUInt16LittleEndian(file[8..])),
            [(byte)'B', (byte)'M', ..] when file.Length >= 26 =>
                // A bottom-up bitmap (the usual kind) declares a positive height, a top-down one a negative height.
                new ImageSize(BinaryPrimitives.ReadInt32LittleEndian(file[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(file[22..]))),
            [0xFF, 0xD8, ..] => OfJpeg(file),
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => OfWebP(file),
            _ => (ImageSize?)null,
        };
        return size is { Width: > 0 and <= 100_000, Height: > 0 and <= 100_000 } ? size : null;
    }

    // Segments follow one another until a start-of-frame (SOF0–SOF15 but DHT, JPG and DAC) gives height, then width.
    static ImageSize? OfJpeg(ReadOnlySpan<byte> file)
    {
        var at = 2;
        while (at + 9 <= file.Length)
        {
            if (file[at] != 0xFF)
            {
                return null;
            }
            var marker = file[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return new ImageSize(BinaryPrimitives.ReadUInt16BigEndian(file[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(file[(at + 5)..]));
            }
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
        }
        return null;
    }

    static ImageSize? OfWebP(ReadOnlySpan<byte> file)
    {
        if (file.Length < 30)
        {
            return null;
        }
        var chunk = file[12..16];
        var data = file[20..];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return new ImageSize(1 + ReadUInt24(data[4..]), 1 + ReadUInt24(data[7..]));
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return new ImageSize(1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return new ImageSize(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF);
        }
        return null;
    }

    static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;
}
