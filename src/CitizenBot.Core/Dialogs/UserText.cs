using System.Globalization;
using System.Text;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// A message split into words for intent recognition: NFC with one tone placement, lower-cased, each word with its
/// folded form and where it sits in <see cref="Text"/> so the rest of a message can be cut out ("à không, ý tôi là …").
/// Emoji such as 👍 are words of their own; punctuation separates words.
/// </summary>
public sealed class UserText
{
    UserText(string text, IReadOnlyList<Word> words)
    {
        Text = text;
        Words = words;
    }

    /// <summary>The normalized message (case kept).</summary>
    public string Text { get; }
    public IReadOnlyList<Word> Words { get; }

    public static UserText Parse(string? raw)
    {
        var text = VietnameseText.Normalize((raw ?? "").Trim());
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark)) i++;
                words.Add(Word.Create(text.Substring(start, i - start), start, i - start));
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var symbol = text.Substring(i, 2);
                // Skin-tone modifiers (U+1F3FB–U+1F3FF) only restyle the emoji before them.
                if (CharUnicodeInfo.GetUnicodeCategory(symbol, 0) == UnicodeCategory.OtherSymbol)
                    words.Add(Word.Create(symbol, i, 2));
                i += 2;
            }
            else
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol) words.Add(Word.Create(c.ToString(), i, 1));
                i++;
            }
        }
        return new UserText(text, words);
    }

    /// <summary>Punctuation stands between word <paramref name="k"/> and the word before it ("công an xã, gọi sđt").</summary>
    public bool PunctuationBefore(int k) =>
        k > 0 && Text[(Words[k - 1].Start + Words[k - 1].Length)..Words[k].Start].Any(char.IsPunctuation);

    /// <summary>The text from the start of word <paramref name="from"/> to the end (empty when past the last word).</summary>
    public string From(int from) => from >= Words.Count ? "" : Text[Words[from].Start..].Trim();

    /// <summary>The text with words [<paramref name="start"/>, <paramref name="end"/>) cut out.</summary>
    public string Without(int start, int end)
    {
        var before = start == 0 ? "" : Text[..(Words[start - 1].Start + Words[start - 1].Length)];
        var after = end >= Words.Count ? "" : Text[Words[end].Start..];
        return (before.TrimEnd(' ', ',', ';', ':', '-') + " " + after).Trim(' ', ',', ';', ':', '-');
    }
}

/// <param name="Lower">Lower-cased, diacritics kept.</param>
/// <param name="Folded">Lower-cased, diacritics removed, đ → d.</param>
public sealed record Word(string Lower, string Folded, bool HasDiacritics, int Start, int Length)
{
    public static Word Create(string text, int start, int length)
    {
        var lower = text.ToLowerInvariant();
        var folded = VietnameseText.Fold(lower);
        return new Word(lower, folded, folded != lower, start, length);
    }

    /// <summary>
    /// A word the user typed matches a lexicon word when equal, or when the user typed no diacritics and the folded
    /// forms are equal: "phi" matches "phí", but "cháo" never matches "chào".
    /// </summary>
    public bool Matches(Word lexicon) =>
        Lower == lexicon.Lower || (!HasDiacritics && Folded == lexicon.Folded);

    public bool IsNumber => Lower.All(char.IsAsciiDigit);
}

static class WordExtensions
{
    public static Word[] ParseWords(string phrase) => UserText.Parse(phrase).Words.ToArray();

    public static string Join(this IEnumerable<Word> words) => new StringBuilder().AppendJoin(' ', words.Select(w => w.Lower)).ToString();

    /// <summary>The words hold the typed <paramref name="run"/> one after another, each matched as <see cref="Word.Matches"/> does.</summary>
    public static bool ContainsRun(this IReadOnlyList<Word> words, IReadOnlyList<Word> run)
    {
        for (var start = 0; start + run.Count <= words.Count; start++)
        {
            var all = true;
            for (var k = 0; k < run.Count && all; k++) all = run[k].Matches(words[start + k]);
            if (all) return true;
        }
        return false;
    }
}
