using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Catalogue;

/// <summary>
/// The national portal publishes one procedure once per level ("… (thực hiện tại cấp tỉnh)", "… (cấp xã)"). Such
/// level variants are one answer to a citizen, and the words citizens use for one are the words for all.
/// </summary>
public static partial class LevelVariants
{
    /// <summary>A name without its parenthesised level note, folded: level variants of one procedure share it.</summary>
    public static string Key(string name) =>
        VietnameseText.Fold(ParenthesisedNote().Replace(name, " ")).ToLowerInvariant().Trim().Replace("  ", " ");

    /// <summary>The same name without its level note, lower case but not folded (for words whose accents matter).</summary>
    public static string WrittenKey(string name) => ParenthesisedNote().Replace(name, " ").ToLowerInvariant().Trim();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex ParenthesisedNote();
}
