using System.Text;

namespace CitizenBot.Core.Tests.Analysis;

/// <summary>
/// Reproducible random text for stress tests (Lucene's TestUtil.randomUnicodeString in spirit): Vietnamese letters,
/// ASCII, combining marks, control and format characters, emoji, FTS5 syntax and, unless asked otherwise, unpaired
/// surrogate halves.
/// </summary>
public sealed class RandomText(int seed, bool validUtf16 = false)
{
    readonly Random _random = new(seed);

    static readonly string[] Pieces =
    [
        "đăng", "ký", "khai", "sinh", "hoà", "thuý", "NGƯỜI", "ddawng", "kys", "d9a8ng", "gplx", "b2", "cccd", "dk", "ạ", "từ",
        "tử", "\"", "*", ":", "-", "^", "(", ")", "NEAR", "AND", "OR", "NOT", "'", "_", "%", "\\", ";", "--", "/*",
        "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u031B", // combining marks, alone
        "\0", "\t", "\n", "\r", "\u0007", "\u001B", "\u007F", "\u0085", // control characters
        "\u200B", "\u200D", "\u200E", "\u202E", "\u2066", "\uFEFF", // format characters
        "😀", "🇻🇳", "👨‍👩‍👧", "𝔘", "𠀀", // astral planes
        "\u00A0", "\u3000", " ", "  ", "0", "15", "١٢٣", "Ⅻ", "²",
        "ß", "İ", "ǅ", "ﬁ", "Ω", "日本", "עברית", "ไทย", "\uFFFD", "\uFFFF",
    ];

    public string Next(int maxLength)
    {
        var length = _random.Next(maxLength + 1);
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length)
        {
            switch (_random.Next(10))
            {
                case < 5: sb.Append(Pieces[_random.Next(Pieces.Length)]); break;
                case < 7: sb.Append(' '); break;
                case < 9: sb.Append((char)_random.Next(0x20, 0x2FF)); break;
                default:
                    var c = (char)_random.Next(0, 0x10000);
                    if (validUtf16 && char.IsSurrogate(c)) c = '?';
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A very long question made of real words, filler and noise.</summary>
    public string Long(int length)
    {
        var sb = new StringBuilder(length + 16);
        while (sb.Length < length) sb.Append(Pieces[_random.Next(Pieces.Length)]).Append(' ');
        return sb.ToString(0, length);
    }
}
