using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// "Mất" is both "lost" ("mất căn cước", "bị mất ví": a reissue) and "died" ("bố em mất hôm qua", "chị gái em mất năm
/// ngoái, để lại bé 4 tuổi"). The lexicon reads a lone "mất" as lost (<c>mất => mất, cấp lại</c>), so a citizen whose
/// father died was answered with the <i>re</i>-registration of a death. Said of a relative — a kinship word before it,
/// with only pronouns and "vừa / mới / đã" between — and followed by nothing it could have lost (the end, a comma, a
/// time, a place, "rồi", "để lại"), it means died: the word becomes "chết", which the lexicon reads as a death
/// ("chết => khai tử, chết"). Typed without accents ("bo e mat hom qua") it is read the same way. Place before the
/// stop words (which drop the pronouns it looks past) and the synonyms.
/// </summary>
public sealed class DiedSenseFilter : TokenFilter
{
    /// <summary>The word it becomes when it means died.</summary>
    public const string Died = "chết";

    /// <summary>Relatives, as typed with or without accents ("có", "đi", "ừ" typed bare are not: "co mat" is "có mặt").</summary>
    static readonly HashSet<string> Kin = new(StringComparer.Ordinal)
    {
        "bố", "bo", "ba", "cha", "mẹ", "me", "má", "ma", "ông", "ong", "bà", "nội", "noi", "ngoại", "ngoai", "chồng", "chong",
        "vợ", "vo", "con", "anh", "chị", "chi", "gái", "gai", "trai", "cháu", "chau", "cố", "dì", "cô", "chú", "chu", "bác",
        "bac", "cậu", "cau", "mợ", "thím", "dượng", "ck", "vk",
    };

    /// <summary>Words between the relative and "mất" that do not change who it is about ("bố <b>em vừa</b> mất").</summary>
    static readonly HashSet<string> Between = new(StringComparer.Ordinal)
    {
        "em", "e", "tôi", "toi", "tui", "mình", "minh", "t", "của", "cua", "ấy", "ay", "vừa", "vua", "mới", "moi", "đã", "da",
    };

    /// <summary>Words after "mất" that say when, where or that it is over, never what was lost ("mất <b>hôm</b> qua").</summary>
    static readonly HashSet<string> After = new(StringComparer.Ordinal)
    {
        "rồi", "roi", "năm", "nam", "hôm", "hom", "tối", "sáng", "chiều", "chieu", "tháng", "thang", "tuần", "tuan", "ngày",
        "lúc", "luc", "hồi", "ở", "o", "tại", "tai", "vì", "do", "để", "de", "thì", "thi", "khi", "trong", "sau", "từ", "đột",
        "dot", "ạ", "a", "nên", "nen", "được", "duoc", "cách", "cach", "lâu", "lau", "bên", "ben", "cũng", "cung", "qua",
    };

    readonly ICharTermAttribute _term;
    readonly IOffsetAttribute _offset;
    /// <summary>The word before the current one that counts (pronouns and "vừa / mới / đã" skipped), or null.</summary>
    string? _before;
    /// <summary>A token read ahead to decide, passed on at the next call.</summary>
    State? _ahead;
    bool _aheadIsEnd;

    public DiedSenseFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_ahead is not null)
        {
            RestoreState(_ahead);
            _ahead = null;
        }
        else if (_aheadIsEnd || !m_input.IncrementToken())
            return false;

        var word = _term.ToString();
        if (word is "mất" or "mat" && _before is { } before && Kin.Contains(before))
        {
            var current = CaptureState();
            var end = _offset.EndOffset;
            if (m_input.IncrementToken())
            {
                // A gap of more than one space is punctuation ("bố em mất, giờ làm …"): the sentence ended there.
                var died = _offset.StartOffset > end + 1 || After.Contains(_term.ToString());
                _ahead = CaptureState();
                RestoreState(current);
                if (died) _term.SetEmpty().Append(Died);
            }
            else
            {
                _aheadIsEnd = true;
                RestoreState(current);
                _term.SetEmpty().Append(Died);
            }
        }
        if (!Between.Contains(word)) _before = word;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _before = null;
        _ahead = null;
        _aheadIsEnd = false;
    }
}
