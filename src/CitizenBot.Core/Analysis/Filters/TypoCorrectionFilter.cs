using Lucene.Net.Analysis;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Corrects a word the index has never seen to the most frequent indexed word within edit distance 1 (2 for words
/// of 7+ letters), compared folded: "xinh" → "sinh", "ket hno" → "ket hon". Known words, numbers and very short words
/// are left alone, and so is a well-formed syllable typed with its accents ("cúp điện", "vé tàu"): someone who typed
/// the tone wrote a real word the catalogue does not use, and "correcting" it would make an unanswerable question
/// look answerable. Query time only (it needs the index's vocabulary). Place before folding.
/// </summary>
public sealed class TypoCorrectionFilter(TokenStream input, IVocabulary vocabulary, IReadOnlySet<string> knownWords) : TermRewriteFilter(input)
{
    protected override string Rewrite(string word)
    {
        var folded = VietnameseText.Fold(word);
        if (folded.Length < 3 || folded.Any(char.IsDigit) || vocabulary.Contains(folded) || knownWords.Contains(folded)
            || folded != word && VietnameseSyllable.IsValid(folded))
            return word;
        return vocabulary.ClosestWord(folded, folded.Length >= 7 ? 2 : 1) ?? word;
    }
}
