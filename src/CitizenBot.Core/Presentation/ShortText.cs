namespace CitizenBot.Core.Presentation;

/// <summary>Text cut to fit a button, a list line, a title or a printed sheet.</summary>
public static class ShortText
{
    /// <summary>
    /// The trimmed text, or when longer than <paramref name="maxLength"/> its start cut on a word boundary (in the
    /// second half, else mid-word) without trailing punctuation, with "…": at most <paramref name="maxLength"/>
    /// characters in all.
    /// </summary>
    public static string Shorten(string? text, int maxLength)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length <= maxLength) return trimmed;
        var cut = trimmed.LastIndexOf(' ', maxLength - 1);
        return trimmed[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }
}
