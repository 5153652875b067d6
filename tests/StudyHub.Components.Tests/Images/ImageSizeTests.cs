using StudyHub.Web.Features.Attachments;

namespace StudyHub.Components.Tests.Images;

public sealed class ImageSizeTests
{
    public static TheoryData<string, byte[], int, int> Headers => new()
    {
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x01, 0x2C, 0, 0, 0, 0x78, 8, 2, 0, 0, 0], 300, 120 },
        { "GIF", [.. "GIF89a"u8, 0x40, 0x01, 0xF0, 0x00, 0, 0, 0], 320, 240 },
        { "BMP, bottom-up", [.. "BM"u8, .. new byte[16], 0x10, 0, 0, 0, 0x08, 0, 0, 0, 1, 0], 16, 8 },
        { "BMP, top-down", [.. "BM"u8, .. new byte[16], 0x10, 0, 0, 0, 0xF8, 0xFF, 0xFF, 0xFF, 1, 0], 16, 8 },
        // An APP0 segment before the baseline frame, whose header gives the height before the width.
        { "JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0x01, 0xE0, 0x02, 0x80, 3, 1, 0x22, 0], 640, 480 },
        { "WebP, lossy", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8, 0, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0x64, 0, 0x32, 0, 0, 0, 0, 0, 0, 0], 100, 50 },
        { "WebP, lossless", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8L"u8, 0, 0, 0, 0, 0x2F, 0x63, 0x40, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0], 100, 50 },
        { "WebP, extended", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0x63, 0, 0, 0x31, 0, 0, 0, 0], 100, 50 },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void ReadsTheSizeAnImageDeclares(string format, byte[] header, int width, int height) =>
        Assert.True(ImageSize.Of(header) == new ImageSize(width, height), $"{format}: {ImageSize.Of(header)}");

    public static TheoryData<string, byte[]> NoSize => new()
    {
        { "SVG", "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"u8.ToArray() },
        { "a PNG cut off before its size", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] },
        { "a PNG of zero width", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0x78] },
        { "a JPEG whose segments run off its end", [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0] },
        { "a JPEG with no frame", [0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] },
        { "text", "not a picture"u8.ToArray() },
        { "nothing", [] },
    };

    [Theory]
    [MemberData(nameof(NoSize))]
    public void GivesNoSizeForOtherFilesAndDamagedHeaders(string what, byte[] file) =>
        Assert.True(ImageSize.Of(file) is null, $"{what}: {ImageSize.Of(file)}");
}
