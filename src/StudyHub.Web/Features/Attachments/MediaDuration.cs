using System.Buffers.Binary;

namespace StudyHub.Web.Features.Attachments;

/// A recording's length as its container's header declares it, read at import so that a course lists each lecture's
/// length without anyone playing it: MP4, MOV and M4A (the movie header box, wherever it stands), WebM or Matroska
/// (the segment's info), Ogg (the position its last page ends at), MP3 (its first frame), WAV and FLAC (their
/// format headers). Only a few small pieces of the file are read,
/// found by seeking from box to box; a file that is damaged, cut short or says no length gets none, and the problem
/// says why.
public readonly record struct MediaDuration(TimeSpan? Length, string? Problem)
{
    /// Enough for any real file's top-level boxes or elements; a file of more is treated as garbage, not walked for ever.
    const int MostParts = 10_000;

    /// The most of one header read into memory (a movie box's children are visited one by one, never read whole).
    const int MostHeaderBytes = 64 * 1024;

    static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// Whether a file's name says it is of a format whose length is read here.
    public static bool IsReadable(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".mp4" or ".m4v" or ".m4a" or ".mov" or ".3gp" or ".webm" or ".mkv" or ".ogg" or ".ogv"
            or ".mp3" or ".wav" or ".flac";

    /// <paramref name="file"/> must be seekable (a file on disk, or one read already); its position is left anywhere.
    public static MediaDuration Of(Stream file)
    {
        Span<byte> start = stackalloc byte[12];
        file.Position = 0;
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        start = start[..read];
        try
        {
            return start switch
            {
                [0x1A, 0x45, 0xDF, 0xA3, ..] => Matroska.Read(file),
                [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => Ogg.Read(file),
                [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E'] => Wave.Read(file),
                [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => Flac.Read(file),
                [(byte)'I', (byte)'D', (byte)'3', ..] or [0xFF, >= 0xE0, ..] => Mpeg.Read(file),
                _ when start.Length >= 8 && IsMovieBox(start[4..8]) => Movie.Read(file),
                _ => new MediaDuration(null, "Not a recording whose length StudyHub reads (MP4, MOV, M4A, WebM, MKV, Ogg, MP3, WAV or FLAC)."),
            };
        }
        catch (EndOfStreamException)
        {
            return new MediaDuration(null, "The recording is cut short: its header ends before it gives a length.");
        }
        catch (InvalidDataException damaged)
        {
            return new MediaDuration(null, damaged.Message);
        }
    }

    static bool IsMovieBox(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("ftyp"u8) || type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8) || type.SequenceEqual("free"u8)
        || type.SequenceEqual("skip"u8) || type.SequenceEqual("wide"u8);

    static MediaDuration Found(double seconds, string format) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < Longest.TotalSeconds
            ? new MediaDuration(TimeSpan.FromSeconds(seconds), null)
            : new MediaDuration(null, $"The {format} header gives no usable length.");

    static void ReadAt(Stream file, long at, Span<byte> into)
    {
        file.Position = at;
        file.ReadExactly(into);
    }

    static byte[] ReadAt(Stream file, long at, long length)
    {
        if (length > MostHeaderBytes)
        {
            throw Damaged();
        }
        if (at + length > file.Length)
        {
            throw new EndOfStreamException();
        }
        var bytes = new byte[length];
        ReadAt(file, at, bytes);
        return bytes;
    }

    static InvalidDataException Damaged() => new("The recording's header is damaged: its parts do not fit together.");

    /// ISO base media (MP4, MOV, M4A): boxes of a size and a type, the movie box (moov) among them, before or after the
    /// media data; in it the movie header (mvhd) gives a time scale and a duration in its units. A fragmented file's
    /// header says 0 and its extends header (mvex/mehd) the length.
    static class Movie
    {
        public static MediaDuration Read(Stream file)
        {
            var movie = Find(file, 0, file.Length, "moov"u8);
            if (movie is not var (moovStart, moovEnd))
            {
                return new MediaDuration(null, "The MP4 file has no movie header (moov box): it was cut short, or is still being written.");
            }
            if (Find(file, moovStart, moovEnd, "mvhd"u8) is not var (headerStart, headerEnd))
            {
                return new MediaDuration(null, "The MP4 movie box has no movie header (mvhd box).");
            }
            var header = ReadAt(file, headerStart, Math.Min(headerEnd - headerStart, 32));
            var version = header.Length > 0 ? header[0] : throw Damaged();
            if (header.Length < (version == 1 ? 32 : 20))
            {
                throw Damaged();
            }
            var timeScale = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(version == 1 ? 20 : 12));
            var duration = version == 1 ? BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(24)) : BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
            // All ones means "not known", as 0 does for a fragmented file.
            if ((duration == 0 || duration == (version == 1 ? ulong.MaxValue : uint.MaxValue))
                && Find(file, moovStart, moovEnd, "mvex"u8) is var (extendsStart, extendsEnd)
                && Find(file, extendsStart, extendsEnd, "mehd"u8) is var (fragmentStart, fragmentEnd))
            {
                var fragment = ReadAt(file, fragmentStart, Math.Min(fragmentEnd - fragmentStart, 12));
                if (fragment.Length < 8 || fragment.Length < (fragment[0] == 1 ? 12 : 8))
                {
                    throw Damaged();
                }
                duration = fragment[0] == 1 ? BinaryPrimitives.ReadUInt64BigEndian(fragment.AsSpan(4)) : BinaryPrimitives.ReadUInt32BigEndian(fragment.AsSpan(4));
            }
            return timeScale == 0
                ? new MediaDuration(null, "The MP4 movie header gives no time scale.")
                : Found((double)duration / timeScale, "MP4");
        }

        /// The body (start, end) of the first box of a type among the boxes from <paramref name="at"/> to <paramref name="end"/>.
        static (long Start, long End)? Find(Stream file, long at, long end, ReadOnlySpan<byte> type)
        {
            Span<byte> header = stackalloc byte[16];
            for (var boxes = 0; boxes < MostParts && at + 8 <= end; boxes++)
            {
                ReadAt(file, at, header[..8]);
                long size = BinaryPrimitives.ReadUInt32BigEndian(header);
                var bodyStart = at + 8;
                if (size == 1)
                {
                    ReadAt(file, bodyStart, header[8..16]);
                    size = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
                    bodyStart += 8;
                }
                else if (size == 0)
                {
                    size = end - at; // the last box, to the end of the file
                }
                if (size < bodyStart - at)
                {
                    throw Damaged();
                }
                // Most often the media data of a file cut short, which says how long it was meant to be.
                if (size > end - at)
                {
                    throw new EndOfStreamException();
                }
                if (header[4..8].SequenceEqual(type))
                {
                    return (bodyStart, at + size);
                }
                at += size;
            }
            return null;
        }
    }

    /// EBML, the structure of Matroska and WebM: elements of a variable-length id and size. The segment's info holds the
    /// time scale (nanoseconds a tick, a million unless given) and the duration in ticks, a float; a seek head before it
    /// may say where the info is, should the clusters of media come first.
    static class Matroska
    {
        const uint Segment = 0x18538067, SeekHead = 0x114D9B74, Seek = 0x4DBB, SeekId = 0x53AB, SeekPosition = 0x53AC;
        const uint Info = 0x1549A966, TimecodeScale = 0x2AD7B1, Duration = 0x4489, Cluster = 0x1F43B675;

        public static MediaDuration Read(Stream file)
        {
            var (_, headerStart, headerSize) = ElementAt(file, 0);
            var at = headerStart + (headerSize ?? throw Damaged());
            for (var elements = 0; elements < MostParts && at < file.Length; elements++)
            {
                var (id, start, size) = ElementAt(file, at);
                if (id == Segment)
                {
                    return InSegment(file, start, size is { } known ? start + known : file.Length);
                }
                at = start + (size ?? throw Damaged());
            }
            return at > file.Length ? throw new EndOfStreamException() : new MediaDuration(null, "The WebM file has no segment.");
        }

        static MediaDuration InSegment(Stream file, long segmentStart, long declaredEnd)
        {
            var segmentEnd = Math.Min(declaredEnd, file.Length);
            long? infoAt = null;
            var at = segmentStart;
            for (var elements = 0; elements < MostParts && at < segmentEnd; elements++)
            {
                var (id, start, size) = ElementAt(file, at);
                if (id == Info && size is { } infoSize)
                {
                    return FromInfo(ReadAt(file, start, infoSize));
                }
                if (id == SeekHead && size is { } seekSize)
                {
                    infoAt = InfoPosition(ReadAt(file, start, seekSize)) is { } position ? segmentStart + position : infoAt;
                }
                // Clusters rarely declare their size; either way, the info is not among them.
                if (id == Cluster || size is null)
                {
                    break;
                }
                at = start + size.Value;
            }
            if (infoAt is { } seekTo && seekTo >= segmentStart && seekTo < segmentEnd && ElementAt(file, seekTo) is (Info, var infoStart, { } length))
            {
                return FromInfo(ReadAt(file, infoStart, length));
            }
            return declaredEnd > file.Length ? throw new EndOfStreamException()
                : new MediaDuration(null, "The WebM file has no segment info before its media.");
        }

        static long? InfoPosition(byte[] seekHead)
        {
            foreach (var (id, seek) in Children(seekHead))
            {
                if (id != Seek)
                {
                    continue;
                }
                var children = Children(seek).ToList();
                var target = children.FirstOrDefault(c => c.Id == SeekId).Body;
                var position = children.FirstOrDefault(c => c.Id == SeekPosition).Body;
                if (target is not null && position is not null && target.Length <= 4 && Unsigned(target) == Info)
                {
                    return (long)Unsigned(position);
                }
            }
            return null;
        }

        static MediaDuration FromInfo(byte[] info)
        {
            var children = Children(info).ToList();
            var scale = children.FirstOrDefault(c => c.Id == TimecodeScale).Body is { } written ? Unsigned(written) : 1_000_000;
            var duration = children.FirstOrDefault(c => c.Id == Duration).Body switch
            {
                { Length: 4 } single => BinaryPrimitives.ReadSingleBigEndian(single),
                { Length: 8 } wide => BinaryPrimitives.ReadDoubleBigEndian(wide),
                _ => (double?)null,
            };
            return duration is { } ticks
                ? Found(ticks * scale / 1e9, "WebM")
                // Recorded live (a browser's MediaRecorder), a file is written before its length is known.
                : new MediaDuration(null, "The WebM file does not say its length, as files recorded live do not.");
        }

        /// An element's id, where its body starts and its size (null when unknown: it runs to its parent's end).
        static (uint Id, long Start, long? Size) ElementAt(Stream file, long at)
        {
            Span<byte> header = stackalloc byte[12];
            file.Position = at;
            var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var (id, idLength) = VariableInteger(header[..read], keepMarker: true);
            var (size, sizeLength) = VariableInteger(header[idLength..read], keepMarker: false);
            var allOnes = (1UL << (7 * sizeLength)) - 1;
            return ((uint)id, at + idLength + sizeLength, size == allOnes ? null : checked((long)size));
        }

        static IEnumerable<(uint Id, byte[] Body)> Children(byte[] body)
        {
            var at = 0;
            while (at < body.Length)
            {
                var (id, idLength) = VariableInteger(body.AsSpan(at), keepMarker: true);
                var (size, sizeLength) = VariableInteger(body.AsSpan(at + idLength), keepMarker: false);
                var start = at + idLength + sizeLength;
                if (size > (ulong)(body.Length - start))
                {
                    throw Damaged();
                }
                yield return ((uint)id, body[start..(start + (int)size)]);
                at = start + (int)size;
            }
        }

        /// The first byte's leading zeros say how many bytes follow; an id keeps its marker bit, a size loses it.
        static (ulong Value, int Length) VariableInteger(ReadOnlySpan<byte> bytes, bool keepMarker)
        {
            if (bytes.IsEmpty)
            {
                throw new EndOfStreamException();
            }
            if (bytes[0] == 0)
            {
                throw Damaged();
            }
            var length = System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[0]) - 23;
            if (keepMarker && length > 4)
            {
                throw Damaged();
            }
            if (length > bytes.Length)
            {
                throw new EndOfStreamException();
            }
            var value = keepMarker ? bytes[0] : (ulong)(bytes[0] & (0xFF >> length));
            for (var i = 1; i < length; i++)
            {
                value = value << 8 | bytes[i];
            }
            return (value, length);
        }

        static ulong Unsigned(byte[] bytes) =>
            bytes.Length <= 8 ? bytes.Aggregate(0UL, (value, b) => value << 8 | b) : throw Damaged();
    }

    /// Ogg: pages that each say, as a granule position, how far into the stream their last packet ends, in samples of
    /// the rate the first page's header gives (Vorbis), or at 48 kHz after a pre-skip (Opus). The last page of the
    /// first stream ends the recording; it is looked for in the file's last 64 KB, where a page of at most 65,307 bytes ends.
    static class Ogg
    {
        const int PageHeader = 27;

        public static MediaDuration Read(Stream file)
        {
            var first = ReadAt(file, 0, Math.Min(file.Length, PageHeader + 255 + 64));
            if (first.Length < PageHeader || first.Length < PageHeader + first[26] + 19)
            {
                throw new EndOfStreamException();
            }
            var serial = BinaryPrimitives.ReadUInt32LittleEndian(first.AsSpan(14));
            var packet = first.AsSpan(PageHeader + first[26]);
            var (rate, preSkip) = packet switch
            {
                [0x01, (byte)'v', (byte)'o', (byte)'r', (byte)'b', (byte)'i', (byte)'s', ..] => (BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]), 0L),
                [(byte)'O', (byte)'p', (byte)'u', (byte)'s', (byte)'H', (byte)'e', (byte)'a', (byte)'d', ..] => (48_000u, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..])),
                _ => (0u, 0L),
            };
            if (rate == 0)
            {
                return new MediaDuration(null, "The Ogg file holds neither Vorbis nor Opus audio, whose length StudyHub reads.");
            }
            var tailStart = Math.Max(0, file.Length - MostHeaderBytes);
            var tail = ReadAt(file, tailStart, file.Length - tailStart);
            for (var at = tail.AsSpan().LastIndexOf("OggS"u8); at >= 0; at = tail.AsSpan(0, at).LastIndexOf("OggS"u8))
            {
                // -1: no packet ends on that page. A page cut short ends nothing either.
                var granule = IsWhole(tail, at) ? BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at + 6)) : -1;
                if (granule >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at + 14)) == serial)
                {
                    return Found((double)(granule - preSkip) / rate, "Ogg");
                }
            }
            return new MediaDuration(null, "The Ogg file's last pages do not say where its audio ends.");
        }

        /// Whether the page at <paramref name="at"/> is all there: its header, its table of segments and the segments.
        static bool IsWhole(byte[] pages, int at)
        {
            if (at + PageHeader > pages.Length || at + PageHeader + pages[at + 26] > pages.Length)
            {
                return false;
            }
            var table = pages.AsSpan(at + PageHeader, pages[at + 26]);
            var body = 0;
            foreach (var segment in table)
            {
                body += segment;
            }
            return at + PageHeader + table.Length + body <= pages.Length;
        }
    }

    /// MP3 (MPEG audio): frames, each with a 4-byte header, after an optional ID3v2 tag. An encoder that varies the bit
    /// rate writes the number of frames in its first frame (a Xing, Info or VBRI header); otherwise the rate is constant
    /// and the audio's bytes give the length. The first frame is looked for in the first 64 KB after the tag.
    static class Mpeg
    {
        static readonly int[][] Kilobits =
        [
            [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
            [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 layer II
            [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
            [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2 and 2.5 layer I
            [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2 and 2.5 layers II and III
        ];

        readonly record struct Frame(bool Mpeg1, int Layer, int Bitrate, int SampleRate, bool Mono, int Length)
        {
            public int Samples => Layer == 1 ? 384 : Layer == 3 && !Mpeg1 ? 576 : 1152;

            /// Where a Xing or Info header stands: after the header and the layer III side information.
            public int XingOffset => 4 + (Mpeg1 ? (Mono ? 17 : 32) : (Mono ? 9 : 17));
        }

        public static MediaDuration Read(Stream file)
        {
            Span<byte> tag = stackalloc byte[10];
            ReadAt(file, 0, tag);
            var audioStart = tag is [(byte)'I', (byte)'D', (byte)'3', ..]
                // A tag's size is written 7 bits a byte; a footer (flag 0x10) adds 10 bytes more.
                ? 10L + (tag[6] << 21 | tag[7] << 14 | tag[8] << 7 | tag[9]) + ((tag[5] & 0x10) != 0 ? 10 : 0)
                : 0;
            if (audioStart >= file.Length)
            {
                throw new EndOfStreamException();
            }
            var window = ReadAt(file, audioStart, Math.Min(MostHeaderBytes, file.Length - audioStart));
            for (var at = 0; at + 4 <= window.Length; at++)
            {
                // A header's sync bits can occur in other bytes by chance: the frame after it must begin with them too,
                // unless the file ends first.
                if (HeaderAt(window, at) is { } frame && (at + frame.Length + 4 > window.Length || HeaderAt(window, at + frame.Length) is not null))
                {
                    return Length(file, window, at, audioStart + at, frame);
                }
            }
            return new MediaDuration(null, "The MP3 file has no audio frame where its audio should begin.");
        }

        static MediaDuration Length(Stream file, byte[] window, int at, long frameStart, Frame frame)
        {
            if (frame.Length > window.Length - at)
            {
                throw new EndOfStreamException();
            }
            var first = window.AsSpan(at, frame.Length);
            if (frame.Length >= frame.XingOffset + 12 && first.Slice(frame.XingOffset, 4) is var xing && (xing.SequenceEqual("Xing"u8) || xing.SequenceEqual("Info"u8)))
            {
                return (BinaryPrimitives.ReadUInt32BigEndian(first[(frame.XingOffset + 4)..]) & 1) == 1
                    ? Found((double)BinaryPrimitives.ReadUInt32BigEndian(first[(frame.XingOffset + 8)..]) * frame.Samples / frame.SampleRate, "MP3")
                    : new MediaDuration(null, "The MP3 file's Xing header does not say how many frames it has.");
            }
            if (frame.Length >= 4 + 32 + 18 && first.Slice(36, 4).SequenceEqual("VBRI"u8))
            {
                return Found((double)BinaryPrimitives.ReadUInt32BigEndian(first[50..]) * frame.Samples / frame.SampleRate, "MP3");
            }
            // An ID3v1 tag, the last 128 bytes beginning "TAG", is not audio.
            Span<byte> tag = stackalloc byte[3];
            var audioBytes = file.Length - frameStart;
            if (audioBytes >= frame.Length + 128)
            {
                ReadAt(file, file.Length - 128, tag);
                audioBytes -= tag.SequenceEqual("TAG"u8) ? 128 : 0;
            }
            return Found(audioBytes * 8.0 / frame.Bitrate, "MP3");
        }

        static Frame? HeaderAt(byte[] bytes, int at)
        {
            if (at + 4 > bytes.Length || bytes[at] != 0xFF || (bytes[at + 1] & 0xE0) != 0xE0)
            {
                return null;
            }
            var (version, layerBits) = ((bytes[at + 1] >> 3) & 3, (bytes[at + 1] >> 1) & 3);
            var (bitrateIndex, rateIndex, padding) = (bytes[at + 2] >> 4, (bytes[at + 2] >> 2) & 3, (bytes[at + 2] >> 1) & 1);
            // Version 1 and layer 0 are reserved; bit rate 0 is "free" (no length to count) and 15 is not allowed.
            if (version == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
            {
                return null;
            }
            var (mpeg1, layer) = (version == 3, 4 - layerBits);
            var bitrate = Kilobits[mpeg1 ? layer - 1 : layer == 1 ? 3 : 4][bitrateIndex - 1] * 1000;
            var sampleRate = new[] { 44100, 48000, 32000 }[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
            var length = layer == 1 ? (12 * bitrate / sampleRate + padding) * 4 : (layer == 3 && !mpeg1 ? 72 : 144) * bitrate / sampleRate + padding;
            return new Frame(mpeg1, layer, bitrate, sampleRate, bytes[at + 3] >> 6 == 3, length);
        }
    }

    /// WAV: RIFF chunks, the format (bytes a second) before the data, whose size gives the length. A recorder stopped
    /// before it wrote the data's size leaves a size too large or all ones: the file's own end then stands for it.
    static class Wave
    {
        public static MediaDuration Read(Stream file)
        {
            Span<byte> header = stackalloc byte[8];
            uint? bytesPerSecond = null;
            var at = 12L;
            for (var chunks = 0; chunks < MostParts && at + 8 <= file.Length; chunks++)
            {
                ReadAt(file, at, header);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                if (header[..4].SequenceEqual("fmt "u8))
                {
                    var format = ReadAt(file, at + 8, Math.Min(size, 16));
                    bytesPerSecond = format.Length >= 12 ? BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(8)) : throw Damaged();
                }
                else if (header[..4].SequenceEqual("data"u8))
                {
                    return bytesPerSecond is { } rate and > 0
                        ? Found((double)Math.Min(size, file.Length - at - 8) / rate, "WAV")
                        : new MediaDuration(null, "The WAV file's audio comes before its format, or its format says no rate.");
                }
                // Chunks are padded to an even length.
                at += 8 + size + (size & 1);
            }
            return at > file.Length ? throw new EndOfStreamException() : new MediaDuration(null, "The WAV file has no audio data.");
        }
    }

    /// FLAC: its first metadata block, the stream info, gives the sample rate and the number of samples (0: unknown).
    static class Flac
    {
        public static MediaDuration Read(Stream file)
        {
            var block = ReadAt(file, 4, 4 + 18);
            if ((block[0] & 0x7F) != 0)
            {
                throw Damaged();
            }
            var info = block.AsSpan(4);
            var sampleRate = info[10] << 12 | info[11] << 4 | info[12] >> 4;
            var samples = (long)(info[13] & 0x0F) << 32 | BinaryPrimitives.ReadUInt32BigEndian(info[14..]);
            return sampleRate == 0 || samples == 0
                ? new MediaDuration(null, "The FLAC file's stream info does not say how many samples it has.")
                : Found((double)samples / sampleRate, "FLAC");
        }
    }
}
