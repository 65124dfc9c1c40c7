using System.Diagnostics;

namespace CitizenBot.Core.Search.Evaluation;

/// <summary>What an engine under evaluation answered: its verdict ("confident", "ambiguous", "none") and top codes.</summary>
public sealed record EvalAnswer(string Match, IReadOnlyList<string> Codes);

/// <summary>A search engine as the evaluation sees it: a question in, a verdict and ranked codes out.</summary>
public interface IEvaluatedSearch
{
    string Name { get; }
    EvalAnswer Ask(string question);
}

/// <summary>CitizenBot's own searcher, asked exactly as GET /api/search?q=…&amp;top=5 asks it.</summary>
public sealed class SearcherUnderEvaluation(ISearcher searcher, string name = "citizenbot") : IEvaluatedSearch
{
    public string Name => name;

    public EvalAnswer Ask(string question)
    {
        try
        {
            var result = searcher.Search(new SearchRequest(question, 5));
            return new EvalAnswer(result.Match.ToWire(), result.Hits.Select(h => h.Procedure.Code).ToList());
        }
        catch (InvalidQueryException)
        {
            return new EvalAnswer("none", []); // The HTTP API answers 400: no match, nothing ranked.
        }
    }
}

/// <summary>A question the engine got wrong (for -v style listings).</summary>
public sealed record EvalMiss(EvalQuestion Question, EvalAnswer Answer);

/// <summary>The figures of one engine on one question set, as ../shared/tools/searcheval.py computes them.</summary>
/// <param name="Answerable">Rows expecting an answer or a clarification (the denominator of top1, top3, mrr5).</param>
/// <param name="Seen">Share of answerable rows where the citizen is shown a right procedure: a confident answer whose
/// first code is right, or a clarifying question whose choices (the first <see cref="MatchPolicy.MaxChoices"/>) hold one.</param>
/// <param name="WrongConfident">Share of answerable rows answered confidently with a wrong first procedure.</param>
/// <param name="UnmetAbstain">Share of unmet rows where the engine was not confident; null when the set has none.</param>
public sealed record EvalReport(string Engine, int Rows, int Answerable, double Top1, double Top3, double Mrr5, double Seen, double WrongConfident,
    int Unmet, double? UnmetAbstain, double P50Milliseconds, IReadOnlyList<EvalMiss> Misses)
{
    /// <summary>The tool's last line: "top1 0.932 top3 0.983 mrr5 0.961 seen 0.983 wrong_confident 0.017 unmet_abstain 1.0".</summary>
    public string SummaryLine =>
        $"top1 {Round(Top1)} top3 {Round(Top3)} mrr5 {Round(Mrr5)} seen {Round(Seen)} wrong_confident {Round(WrongConfident)} unmet_abstain {(UnmetAbstain is { } a ? Round(a) : "None")}";

    /// <summary>Python's round(x, 3) printed with repr: "0.93", "0.932", "1.0".</summary>
    internal static string Round(double value)
    {
        var text = Math.Round(value, 3, MidpointRounding.ToEven).ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
        return text;
    }
}

/// <summary>
/// Scores an engine on a question set exactly as searcheval.py does: an answer row hits top-1 when one of its codes
/// ranks first (a clarify row when one is in the top 3), top-3 when one is in the top 3, MRR over the top 5; it is seen
/// when answered confidently and right or asked about with a right code among the choices; an unmet row counts as
/// abstained when the verdict is anything but "confident". One implementation for the test and the
/// `citizenbot eval` command.
/// </summary>
public static class SearchEvaluator
{
    public static EvalReport Evaluate(IEvaluatedSearch engine, IReadOnlyList<EvalQuestion> questions)
    {
        int answerable = 0, top1 = 0, top3 = 0, seen = 0, wrongConfident = 0, unmet = 0, abstained = 0;
        var reciprocalRanks = 0.0;
        var latencies = new List<double>(questions.Count);
        var misses = new List<EvalMiss>();
        foreach (var question in questions)
        {
            var watch = Stopwatch.StartNew();
            var answer = engine.Ask(question.Question);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (question.IsUnmet)
            {
                unmet++;
                var ok = answer.Match != MatchVerdict.Confident.ToWire();
                if (ok) abstained++;
                else misses.Add(new EvalMiss(question, answer));
                continue;
            }
            answerable++;
            var rank = answer.Codes.Take(5).Select((code, k) => (code, k)).FirstOrDefault(x => question.Codes.Contains(x.code), (code: "", k: -1)).k;
            var found = rank >= 0;
            var hit1 = rank == 0 || question.Expect == "clarify" && found && rank < 3;
            if (hit1) top1++;
            else misses.Add(new EvalMiss(question, answer));
            if (found && rank < 3) top3++;
            var confident = answer.Match == MatchVerdict.Confident.ToWire();
            if (confident && rank == 0 || answer.Match == MatchVerdict.Ambiguous.ToWire() && found && rank < MatchPolicy.MaxChoices) seen++;
            if (confident && rank != 0) wrongConfident++;
            if (found) reciprocalRanks += 1.0 / (rank + 1);
        }
        latencies.Sort();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : 0;
        return new EvalReport(engine.Name, questions.Count, answerable,
            Share(top1, answerable), Share(top3, answerable), answerable > 0 ? reciprocalRanks / answerable : 0,
            Share(seen, answerable), Share(wrongConfident, answerable),
            unmet, unmet > 0 ? (double)abstained / unmet : null, p50, misses);
    }

    static double Share(int count, int of) => of > 0 ? (double)count / of : 0;
}
