using System.Text;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Demand;

/// <summary>
/// One spelling per agency, so a chart does not split the commune People's Committee into three bars: Unicode NFC,
/// one plain space (non-breaking and repeated spaces folded), "Uỷ" → "Ủy" (old and new tone placement), "UBND" spelled
/// out, and the level words said once ("cấp xã", "cấp huyện", "cấp tỉnh") however the catalogue lists them.
/// </summary>
public static partial class AgencyNames
{
    /// <summary>The label of procedures whose catalogue record names no agency.</summary>
    public const string Unknown = "Chưa có thông tin cơ quan";

    public static string Normalize(string? agency)
    {
        if (string.IsNullOrWhiteSpace(agency)) return Unknown;
        var text = Spaces().Replace(agency.Normalize(NormalizationForm.FormC), " ").Trim().TrimEnd('.', ';', ',').Trim();
        text = text.Replace("Uỷ", "Ủy").Replace("uỷ", "ủy").Replace("UỶ", "ỦY");
        text = Ubnd().Replace(text, "Ủy ban nhân dân");
        text = Commune().Replace(text, "cấp xã");
        text = District().Replace(text, "cấp huyện");
        text = Province().Replace(text, "cấp tỉnh");
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? Unknown : char.ToUpper(text[0]) + text[1..];
    }

    [GeneratedRegex(@"[\s\u00A0\u2007\u202F\u200B]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bUBND\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ubnd();

    /// <summary>"xã", "cấp xã", "xã, phường, thị trấn", "cấp xã/phường", "phường/xã" → "cấp xã".</summary>
    [GeneratedRegex(@"(?<!\p{L})(?<!thị\s)(?:cấp\s+)?(?:xã|phường|thị trấn|đặc khu)(?:\s*(?:,|/|và|hoặc)\s*(?:xã|phường|thị trấn|đặc khu))*(?=$|[\s,.;)])", RegexOptions.IgnoreCase)]
    private static partial Regex Commune();

    [GeneratedRegex(@"(?<!\p{L})(?:cấp\s+)?(?:huyện|quận|thị xã|thành phố thuộc tỉnh)(?:\s*(?:,|/|và|hoặc)\s*(?:huyện|quận|thị xã|thành phố thuộc (?:tỉnh|thành phố trực thuộc trung ương)))*(?=$|[\s,.;)])", RegexOptions.IgnoreCase)]
    private static partial Regex District();

    [GeneratedRegex(@"(?<!\p{L})(?:cấp\s+)?tỉnh(?:\s*(?:,|/)\s*thành phố(?: trực thuộc trung ương)?)?(?=$|[\s,.;)])", RegexOptions.IgnoreCase)]
    private static partial Regex Province();
}
