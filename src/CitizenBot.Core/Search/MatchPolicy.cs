namespace CitizenBot.Core.Search;

/// <summary>
/// Decides what the citizen is shown, from the ranked candidates (best first):
/// <list type="bullet">
/// <item><see cref="MatchVerdict.None"/> only when nothing is plausible: the best candidate neither explains the
///   question (its score) nor is named by it (the question holds most of one of its titles' words);</item>
/// <item><see cref="MatchVerdict.Confident"/> when one clearly wins: its lead over the runner-up is wide enough for
///   how much of the question it leaves unexplained (and, when the runner-up's title holds the whole question too, for
///   the part of its own title that was not asked: "hộ kinh doanh" is asked, not answered with "Chấm dứt hoạt động hộ
///   kinh doanh"), or the question names it in full and the runner-up only in part,
///   or it is far ahead of every other reading though its long name is only partly used ("nhà nghèo, bị kiện, muốn xin
///   trợ giúp pháp lý miễn phí": "Thủ tục yêu cầu trợ giúp pháp lý") — a long, story-like question is judged by the
///   words that name the procedure, not by the story around them;</item>
/// <item><see cref="MatchVerdict.Ambiguous"/> otherwise: the bot asks, offering the first <see cref="MaxChoices"/>
///   candidates, best first;</item>
/// <item><see cref="MatchVerdict.OutOfScope"/> when the question is about something no public service answers
///   (index-data/analysis/outofscope.txt: gold prices, weather …) and names no procedure: no candidate clearly wins
///   and the best one's title is mostly absent from the question. A procedure the question names is still offered
///   or answered, so "thời tiết lạnh quá, muốn làm giấy khai sinh" is not turned away.</item>
/// <item><see cref="MatchVerdict.None"/> too when the question names a need the catalogue may lack (gaps.txt:
///   unemployment benefit, school enrolment) and no procedure it names: unmet demand, with where to ask.</item>
/// </list>
/// The thresholds are in units of <see cref="RankFeatures.Score"/> (0–1, about 1 when a title says exactly what the
/// question asks) and of <see cref="RankFeatures.TitlePrecision"/>; they were chosen on the tuning sets (dev,
/// independent, tuning A) as round values on a plateau, and checked on the held-out sets by aggregate only.
/// </summary>
public static class MatchPolicy
{
    /// <summary>How many candidates a clarifying question offers (the first ones of the result, best first).</summary>
    public const int MaxChoices = 4;

    // The thresholds, with their meaning, are in RankingWeights (one record for every ranking weight and threshold).
    public static double PlausibleScore => RankingWeights.Tuned.PlausibleScore;
    public static double PlausiblePrecision => RankingWeights.Tuned.PlausiblePrecision;
    public static double BaseMargin => RankingWeights.Tuned.BaseMargin;
    public static double MarginPerUnexplained => RankingWeights.Tuned.MarginPerUnexplained;
    public static double NamedPrecision => RankingWeights.Tuned.NamedPrecision;
    public static double NamingLead => RankingWeights.Tuned.NamingLead;
    public static double WideLead => RankingWeights.Tuned.WideLead;
    public static double WideLeadPrecision => RankingWeights.Tuned.WideLeadPrecision;
    public static double MarginPerUnaskedTitle => RankingWeights.Tuned.MarginPerUnaskedTitle;
    public static double WholeQuestionCoverage => RankingWeights.Tuned.WholeQuestionCoverage;
    public static double OutOfScopeNamedPrecision => RankingWeights.Tuned.OutOfScopeNamedPrecision;
    public static double GapNamedPrecision => RankingWeights.Tuned.GapNamedPrecision;

    /// <param name="unserved">The question names a need the catalogue may lack (gaps.txt) and none of the procedures it
    /// would be offered is named by it (<see cref="NamesAChoice"/>): unless one procedure clearly wins and is named by
    /// it, nothing plausible was found — the neighbours that share its words ("Ủy quyền lĩnh thay
    /// các chế độ bảo hiểm xã hội, trợ cấp thất nghiệp" for "xin trợ cấp thất nghiệp", "Đăng ký thường trú" for "đăng
    /// ký nghĩa vụ quân sự") are not what was asked.</param>
    public static MatchVerdict Decide(IReadOnlyList<RankFeatures> ranked, bool outOfScope = false, bool unserved = false)
    {
        var verdict = DecideByRanking(ranked);
        var namesAProcedure = ranked.Count > 0 && ranked[0].TitlePrecision >= OutOfScopeNamedPrecision;
        if (unserved && !(verdict == MatchVerdict.Confident && namesAProcedure)) return MatchVerdict.None;
        return outOfScope && verdict != MatchVerdict.Confident && !namesAProcedure ? MatchVerdict.OutOfScope : verdict;
    }

    /// <summary>The question uses most of the title of one of the candidates a clarifying question would offer.</summary>
    public static bool NamesAChoice(IEnumerable<RankFeatures> ranked) =>
        ranked.Take(MaxChoices).Any(r => r.TitlePrecision >= GapNamedPrecision);

    static MatchVerdict DecideByRanking(IReadOnlyList<RankFeatures> ranked)
    {
        if (ranked.Count == 0) return MatchVerdict.None;
        var top = ranked[0];
        if (top.Score < PlausibleScore && top.TitlePrecision < PlausiblePrecision) return MatchVerdict.None;
        var (runnerUpScore, runnerUpPrecision, runnerUpCoverage) = ranked.Count > 1
            ? (ranked[1].Score, ranked[1].TitlePrecision, ranked[1].TitleCoverage) : (0.0, 0.0, 0.0);
        var lead = top.Score - runnerUpScore;
        var unasked = top.TitleCoverage >= WholeQuestionCoverage && runnerUpCoverage >= WholeQuestionCoverage
            ? MarginPerUnaskedTitle * Math.Max(0, 1 - top.TitlePrecision) : 0;
        var explainsAndLeads = top.TitlePrecision >= PlausiblePrecision
            && lead >= BaseMargin + MarginPerUnexplained * Math.Max(0, 1 - top.Score) + unasked;
        var namedAndLeads = top.TitlePrecision >= NamedPrecision && top.TitlePrecision - runnerUpPrecision >= NamingLead && lead >= BaseMargin;
        var farAhead = top.Score >= PlausibleScore && top.TitlePrecision >= WideLeadPrecision && lead >= WideLead;
        return explainsAndLeads || namedAndLeads || farAhead ? MatchVerdict.Confident : MatchVerdict.Ambiguous;
    }
}
