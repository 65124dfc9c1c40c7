using QRCoder;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// QR codes of the online-service link, made on the server (QRCoder): SVG to inline in the page and print sharp at any
/// size, PNG to download and paste into Zalo. Error correction M survives a creased or smudged printout.
/// </summary>
static class QrCodes
{
    public static string Svg(string url)
    {
        using var data = Create(url);
        // ViewBox sizing: the stylesheet decides the printed size; quiet zone kept so phone cameras find the code.
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        return svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
    }

    public static byte[] Png(string url, int pixelsPerModule = 8)
    {
        using var data = Create(url);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    static QRCodeData Create(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    }
}
