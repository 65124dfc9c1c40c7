namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Corrects a word the index has never seen to the most frequent indexed word within edit distance 1 (2 for words
/// of 7+ letters), compared folded: "xinh" → "sinh", "ket hno" → "ket hon". Known words, numbers and very short words
/// are left alone, and so is a well-formed syllable typed with its accents ("cúp điện", "vé tàu"): someone who typed
/// the tone wrote a real word the catalogue does not use, and "correcting" it would make an unanswerable question
/// look answerable. At index time the vocabulary is empty and the step does nothing. Place before folding.
/// </summary>
public sealed class TypoCorrectionFilter(IVocabulary vocabulary, IReadOnlySet<string> knownWords) : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
        {
            var folded = VietnameseText.Fold(token.Text);
            if (folded.Length < 3 || folded.Any(char.IsDigit) || vocabulary.Contains(folded) || knownWords.Contains(folded)
                || folded != token.Text && VietnameseSyllable.IsValid(folded))
            {
                yield return token;
                continue;
            }
            var correction = vocabulary.ClosestWord(folded, folded.Length >= 7 ? 2 : 1);
            yield return correction is null ? token : token with { Text = correction };
        }
    }
}
