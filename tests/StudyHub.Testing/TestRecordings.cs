using System.Buffers.Binary;
using System.Text;

namespace StudyHub.Testing;

/// Recordings made by the tests themselves: containers that hold what a reader of their length looks at (the boxes or
/// elements around the header, and some bytes standing for the media), each declaring the length it is given.
public static class TestRecordings
{
    /// An MP4 whose movie header (version 0 or 1) says <paramref name="seconds"/> at 600 ticks a second, before the
    /// media data or, as a camera writes it, after.
    public static byte[] Mp4(double seconds, int version = 0, bool headerAfterMedia = false, int mediaBytes = 1000)
    {
        var type = Box("ftyp", [.. "isom"u8, 0, 0, 2, 0, .. "isomiso2mp41"u8]);
        var movie = Box("moov", MovieHeader(600, (ulong)Math.Round(seconds * 600), version), Box("trak", new byte[40]));
        var media = Box("mdat", new byte[mediaBytes]);
        return headerAfterMedia ? [.. type, .. media, .. movie] : [.. type, .. movie, .. media];
    }

    /// A box of ISO base media: its size, its type, its body.
    public static byte[] Box(string type, params byte[][] body)
    {
        var content = body.SelectMany(b => b).ToArray();
        var box = new byte[8 + content.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        content.CopyTo(box, 8);
        return box;
    }

    public static byte[] MovieHeader(uint timeScale, ulong duration, int version)
    {
        var body = new byte[version == 1 ? 112 : 100];
        body[0] = (byte)version;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(20), timeScale);
            BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(24), duration);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), timeScale);
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), (uint)duration);
        }
        return Box("mvhd", body);
    }

    /// A WebM whose segment info says <paramref name="milliseconds"/> (none: recorded live) in the default time scale, as
    /// a float of 8 bytes; a seek head, a void and a cluster stand around it as in files written by ffmpeg, or as a live
    /// recorder writes it, the cluster first, of unknown size, and only the seek head says where the info is.
    public static byte[] WebM(double? milliseconds, bool infoAfterMedia = false) => WebMSegment(infoAfterMedia,
        milliseconds is { } length ? [Element(0x2AD7B1, [0x0F, 0x42, 0x40]), Element(0x4489, EightByteFloat(length))] : [Element(0x2AD7B1, [0x0F, 0x42, 0x40])]);

    /// A WebM with the given children of its segment info.
    public static byte[] WebMSegment(bool infoAfterMedia, params byte[][] info)
    {
        var header = Element(0x1A45DFA3, [.. Element(0x4282, "webm"u8.ToArray()), .. Element(0x4287, [2])]);
        var filler = Element(0xEC, new byte[16]);
        byte[] cluster = infoAfterMedia ? [.. Id(0x1F43B675), 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[500]] : Element(0x1F43B675, new byte[500]);
        var infoElement = Element(0x1549A966, [.. info.SelectMany(i => i)]);
        var seekHeadLength = SeekHead(0).Length;
        var infoAt = seekHeadLength + filler.Length + (infoAfterMedia ? cluster.Length : 0);
        var segment = infoAfterMedia
            ? (byte[])[.. SeekHead(infoAt), .. filler, .. cluster, .. infoElement]
            : [.. SeekHead(infoAt), .. filler, .. infoElement, .. cluster];
        return [.. header, .. Id(0x18538067), .. Size(segment.Length), .. segment];
    }

    static byte[] SeekHead(long infoAt)
    {
        var position = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(position, (uint)infoAt);
        return Element(0x114D9B74, Element(0x4DBB, [.. Element(0x53AB, [0x15, 0x49, 0xA9, 0x66]), .. Element(0x53AC, position)]));
    }

    /// An Ogg file of Vorbis audio at 44.1 kHz, or Opus (48 kHz after a pre-skip of 312 samples), whose last page ends
    /// <paramref name="seconds"/> in; between its first and last pages, <paramref name="mediaBytes"/> of another page.
    public static byte[] Ogg(double seconds, bool opus = false, int mediaBytes = 2000)
    {
        var identification = opus
            ? (byte[])[.. "OpusHead"u8, 1, 2, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0]
            : [1, .. "vorbis"u8, 0, 0, 0, 0, 2, 0x44, 0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xB8, 1];
        var rate = opus ? 48_000 : 44_100;
        var end = (long)Math.Round(seconds * rate) + (opus ? 312 : 0);
        return [.. OggPage(0, identification), .. OggPage(rate, new byte[Math.Min(mediaBytes, 255)]), .. new byte[Math.Max(0, mediaBytes - 255)], .. OggPage(end, new byte[100])];
    }

    static byte[] OggPage(long granule, byte[] packet)
    {
        var header = new byte[27];
        "OggS"u8.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), 0x5EA1);
        header[26] = 1;
        return [.. header, (byte)packet.Length, .. packet];
    }

    /// An MP3 of MPEG-1 layer III frames at 128 kbit/s and 48 kHz (384 bytes each, so 125 frames are 3 s) after an
    /// ID3v2 tag of <paramref name="tagBytes"/>; the first frame may carry a Xing or VBRI header giving a number of frames
    /// other than the file holds, as a variable rate's does.
    public static byte[] Mp3(int frames, int tagBytes = 0, string? vbrHeader = null, int vbrFrames = 0, bool id3v1 = false)
    {
        var tag = tagBytes == 0 ? [] : (byte[])[.. "ID3"u8, 4, 0, 0, (byte)(tagBytes >> 21 & 0x7F), (byte)(tagBytes >> 14 & 0x7F), (byte)(tagBytes >> 7 & 0x7F), (byte)(tagBytes & 0x7F), .. new byte[tagBytes]];
        var audio = new byte[frames * 384];
        for (var frame = 0; frame < frames; frame++)
        {
            ((byte[])[0xFF, 0xFB, 0x94, 0x00]).CopyTo(audio, frame * 384);
        }
        if (vbrHeader is not null)
        {
            // Both 36 bytes in: a Xing header after the header and the side information (32 bytes in stereo), VBRI always.
            const int at = 36;
            Encoding.ASCII.GetBytes(vbrHeader).CopyTo(audio, at);
            if (vbrHeader == "VBRI")
            {
                BinaryPrimitives.WriteUInt32BigEndian(audio.AsSpan(at + 14), (uint)vbrFrames);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(audio.AsSpan(at + 4), 1);
                BinaryPrimitives.WriteUInt32BigEndian(audio.AsSpan(at + 8), (uint)vbrFrames);
            }
        }
        return [.. tag, .. audio, .. id3v1 ? [.. "TAG"u8, .. new byte[125]] : Array.Empty<byte>()];
    }

    /// A WAV of 16-bit stereo at 8 kHz (32,000 bytes a second) whose data chunk says <paramref name="declaredBytes"/>
    /// (the bytes it holds unless given), after a chunk of other metadata.
    public static byte[] Wav(int dataBytes, uint? declaredBytes = null)
    {
        var format = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(format, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(4), 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(8), 32_000);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), 4);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), 16);
        byte[] chunks = [.. RiffChunk("LIST", new byte[5]), .. RiffChunk("fmt ", format), .. RiffChunk("data", new byte[dataBytes], declaredBytes)];
        var riff = new byte[12];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + chunks.Length));
        "WAVE"u8.CopyTo(riff.AsSpan(8));
        return [.. riff, .. chunks];
    }

    static byte[] RiffChunk(string id, byte[] body, uint? declared = null)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(id).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), declared ?? (uint)body.Length);
        return [.. header, .. body, .. body.Length % 2 == 1 ? [0] : Array.Empty<byte>()];
    }

    /// A FLAC whose stream info says <paramref name="samples"/> at 44.1 kHz, then some bytes standing for its frames.
    public static byte[] Flac(long samples)
    {
        var info = new byte[34];
        info[10] = 44_100 >> 12;
        info[11] = 44_100 >> 4 & 0xFF;
        info[12] = (byte)((44_100 & 0x0F) << 4 | 1 << 1);
        info[13] = (byte)(15 << 4 | (samples >> 32 & 0x0F));
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(14), (uint)samples);
        return [.. "fLaC"u8, 0x80, 0, 0, 34, .. info, .. new byte[200]];
    }

    public static byte[] Element(uint id, byte[] body) => [.. Id(id), .. Size(body.Length), .. body];

    public static byte[] EightByteFloat(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return bytes;
    }

    static byte[] Id(uint id) => [.. BitConverter.GetBytes(id).Reverse().SkipWhile(b => b == 0)];

    /// Sizes are written in 8 bytes, as muxers that reserve room for them do.
    static byte[] Size(long size)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, size);
        bytes[0] = 0x01;
        return bytes;
    }
}
