using System.Buffers.Binary;
using StudyHub.Testing;
using StudyHub.Web.Features.Attachments;
using static StudyHub.Testing.TestRecordings;

namespace StudyHub.Web.Tests.Attachments;

/// The length of a recording, read from its container's header without reading the media.
public sealed class MediaDurationTests
{
    public static TheoryData<string, byte[], double> Recordings => new()
    {
        { "MP4, header first", Mp4(83.5), 83.5 },
        { "MP4, header after the media (as cameras write it)", Mp4(4000, headerAfterMedia: true), 4000 },
        { "MP4, header of version 1", Mp4(12, version: 1), 12 },
        { "MOV, old QuickTime without a file type", [.. Box("wide"), .. Box("mdat", new byte[64]), .. Box("moov", MovieHeader(30, 90, 0))], 3 },
        { "MP4, media of over 4 GB in a box of 64-bit size", [.. Box("ftyp", "M4A "u8.ToArray()), .. LargeBoxHeader("mdat", 0), .. Box("moov", MovieHeader(44100, 44100 * 61, 1))], 61 },
        { "MP4, fragmented: the length is in the extends header", [.. Box("ftyp", "iso6"u8.ToArray()),
            .. Box("moov", MovieHeader(1000, 0, 0), Box("mvex", Box("mehd", [0, 0, 0, 0, 0, 0, 0x75, 0x30]))), .. Box("moof", new byte[16])], 30 },
        { "WebM", WebM(12000), 12 },
        { "WebM, the info after the media, found through the seek head", WebM(95_500, infoAfterMedia: true), 95.5 },
        { "WebM, a float of 4 bytes and a time scale of a millisecond", WebMSegment(false, Element(0x2AD7B1, [0x0F, 0x42, 0x40]), Element(0x4489, [0x46, 0x1C, 0x40, 0x00])), 10 },
        { "Matroska, the default time scale", WebMSegment(false, Element(0x4489, EightByteFloat(2500))), 2.5 },
        { "Ogg Vorbis", Ogg(125), 125 },
        { "Ogg Opus, less its pre-skip", Ogg(3600, opus: true), 3600 },
        { "MP3 at a constant rate", Mp3(125), 3 },
        { "MP3 after an ID3v2 tag, with an ID3v1 tag at its end", Mp3(250, tagBytes: 3000, id3v1: true), 6 },
        { "MP3 at a variable rate, its Xing header counting the frames", Mp3(10, vbrHeader: "Xing", vbrFrames: 2500), 60 },
        { "MP3 at a constant rate, as LAME marks it (Info)", Mp3(10, vbrHeader: "Info", vbrFrames: 125), 3 },
        { "MP3 at a variable rate, its VBRI header counting the frames", Mp3(10, vbrHeader: "VBRI", vbrFrames: 1250), 30 },
        { "WAV", Wav(96_000), 3 },
        { "WAV whose recorder never wrote the data's size", Wav(64_000, declaredBytes: uint.MaxValue), 2 },
        { "FLAC", Flac(44_100L * 4000), 4000 },
    };

    [Theory]
    [MemberData(nameof(Recordings))]
    public void ReadsTheLengthAContainerDeclares(string format, byte[] file, double seconds)
    {
        var duration = MediaDuration.Of(new MemoryStream(file));
        Assert.True(duration.Length == TimeSpan.FromSeconds(seconds), $"{format}: {duration}");
        Assert.Null(duration.Problem);
    }

    [Fact]
    public void ReadsTheLengthOfTheBrowserTestsRecordingAsFfmpegWroteIt()
    {
        using var file = File.OpenRead(Path.Combine(RepositoryFiles.Root, "tests", "StudyHub.Browser.Tests", "Media", "lecture.webm"));
        Assert.Equal(TimeSpan.FromSeconds(12), MediaDuration.Of(file).Length);
    }

    /// Two seconds of a tone, written by LAME 3.100 (at 32 kbit/s with and without its Info frame, and at a variable rate)
    /// and FLAC 1.4.2 from one WAV at 8 kHz. LAME's delay and padding round its files up to whole frames of 72 ms: 2.16 s.
    [Theory]
    [InlineData("cbr.mp3")]
    [InlineData("noxing.mp3")]
    [InlineData("vbr.mp3")]
    [InlineData("tone.flac")]
    [InlineData("tone.wav")]
    public void ReadsTheLengthOfFilesTheEncodersWrote(string name)
    {
        using var file = File.OpenRead(Path.Combine(RepositoryFiles.Root, "tests", "StudyHub.Web.Tests", "Attachments", "Recordings", name));
        var duration = MediaDuration.Of(file);
        Assert.True(duration.Length?.TotalSeconds is >= 2 and <= 2.16, $"{name}: {duration}");
    }

    public static TheoryData<string, byte[], string> NoLength => new()
    {
        { "an MP4 cut off in its media, before its header", Mp4(60, headerAfterMedia: true)[..600], "cut short" },
        { "an MP4 without a movie box", [.. Box("ftyp", "isom"u8.ToArray()), .. Box("mdat", new byte[100])], "no movie header" },
        { "an MP4 with a box smaller than its own header", [.. Box("ftyp", "isom"u8.ToArray()), 0, 0, 0, 3, .. "moov"u8, .. new byte[40]], "damaged" },
        { "an MP4 whose header says no time scale", [.. Box("ftyp", "isom"u8.ToArray()), .. Box("moov", MovieHeader(0, 100, 0))], "no time scale" },
        { "an MP4 whose header says zero seconds", [.. Box("ftyp", "isom"u8.ToArray()), .. Box("moov", MovieHeader(600, 0, 0))], "no usable length" },
        { "a WebM recorded live, without a length", WebM(null), "does not say its length" },
        { "a WebM cut off in its header", WebM(12000)[..30], "cut short" },
        { "an Ogg file cut off before its audio's header", Ogg(60)[..40], "cut short" },
        { "an Ogg file of another codec", [.. "OggS"u8, .. new byte[22], 1, 30, .. "\u0080theora"u8, .. new byte[40]], "neither Vorbis nor Opus" },
        { "an MP3 whose frames are garbage", [.. Mp3(0, tagBytes: 20), .. "no frames here"u8], "no audio frame" },
        { "an MP3 whose tag says it runs past the file's end", Mp3(3, tagBytes: 100)[..50], "cut short" },
        { "a WAV without a format chunk", Wav(1000)[..12], "no audio data" },
        { "a FLAC that does not know its samples", Flac(0), "does not say how many samples" },
        { "a FLAC cut off in its stream info", Flac(10)[..20], "cut short" },
        { "a text file named .mp4", "not a video at all"u8.ToArray(), "Not a recording" },
        { "nothing", [], "Not a recording" },
    };

    [Theory]
    [MemberData(nameof(NoLength))]
    public void SaysWhyAFileHasNoLength(string what, byte[] file, string problem)
    {
        var duration = MediaDuration.Of(new MemoryStream(file));
        Assert.True(duration.Length is null, $"{what}: {duration}");
        Assert.Contains(problem, duration.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileCutAnywhereGivesItsLengthOrAProblemButNeverFails()
    {
        foreach (var file in new[] { Mp4(42, headerAfterMedia: true, mediaBytes: 300), Mp4(42, version: 1), WebM(42_000), WebM(42_000, infoAfterMedia: true),
            Flac(44_100 * 42), Mp3(3, tagBytes: 40, vbrHeader: "Xing", vbrFrames: 1750) })
        {
            for (var length = 0; length <= file.Length; length++)
            {
                var duration = MediaDuration.Of(new MemoryStream(file[..length]));
                Assert.True(duration.Length == TimeSpan.FromSeconds(42) ? duration.Problem is null : duration.Problem is not null,
                    $"cut at {length} of {file.Length}: {duration}");
            }
            Assert.Equal(TimeSpan.FromSeconds(42), MediaDuration.Of(new MemoryStream(file)).Length);
        }
    }

    [Fact]
    public void AnOggFileCutAnywhereGivesTheLengthOfWhatIsLeftOrAProblem()
    {
        var file = Ogg(42, mediaBytes: 200);
        for (var length = 0; length < file.Length; length++)
        {
            var duration = MediaDuration.Of(new MemoryStream(file[..length]));
            // An Ogg file plays as far as its pages go, so a cut one is as long as its last whole page says.
            Assert.True(duration.Length is { } played ? played == TimeSpan.FromSeconds(1) && duration.Problem is null : duration.Problem is not null,
                $"cut at {length} of {file.Length}: {duration}");
        }
    }

    [Fact]
    public void GarbageAfterAKnownSignatureGivesAProblemNotAFailure()
    {
        var random = new Random(21);
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            var file = new byte[random.Next(8, 400)];
            random.NextBytes(file);
            byte[] signature = (attempt % 7) switch
            {
                0 => [0x1A, 0x45, 0xDF, 0xA3], 1 => [0, 0, 0, 24, .. "ftyp"u8], 2 => [.. "OggS"u8], 3 => [.. "ID3"u8], 4 => [0xFF, 0xFB],
                5 => [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], _ => [.. "fLaC"u8],
            };
            signature.AsSpan(0, Math.Min(signature.Length, file.Length)).CopyTo(file);
            var duration = MediaDuration.Of(new MemoryStream(file));
            Assert.True(duration.Length is not null || duration.Problem is not null, $"attempt {attempt}: {duration}");
        }
    }

    [Fact]
    public void AHeaderAfterGigabytesOfMediaIsReachedByReadingAFewHundredBytes()
    {
        var mediaBytes = 3L * 1024 * 1024 * 1024;
        var start = (byte[])[.. Box("ftyp", "isom"u8.ToArray()), .. LargeBoxHeader("mdat", mediaBytes)];
        var end = Box("moov", MovieHeader(600, 600 * 5400, 0));
        using var file = new SparseFile(start, end, start.Length + mediaBytes);

        Assert.Equal(TimeSpan.FromMinutes(90), MediaDuration.Of(file).Length);
        Assert.InRange(file.BytesRead, 1, 1024);
    }

    static byte[] LargeBoxHeader(string type, long mediaBytes)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(8), 16 + mediaBytes);
        return header;
    }

    /// A file of the given start and end with zeros between, however long, counting the bytes read from it.
    sealed class SparseFile(byte[] start, byte[] end, long endAt) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => endAt + end.Length;
        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, Length - Position);
            for (var i = 0; i < read; i++)
            {
                var at = Position + i;
                buffer[offset + i] = at < start.Length ? start[at] : at >= endAt ? end[at - endAt] : (byte)0;
            }
            Position += read;
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => Length + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
