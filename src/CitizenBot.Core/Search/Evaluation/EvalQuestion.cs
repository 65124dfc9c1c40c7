namespace CitizenBot.Core.Search.Evaluation;

/// <summary>
/// One labelled question of an evaluation set (../shared/eval/dev-questions.tsv).
/// </summary>
/// <param name="Expect">"answer" (one of <paramref name="Codes"/> should rank first), "clarify" (one should be in the
/// top 3) or "unmet" (the catalogue has nothing for it: the search must not be confident).</param>
public sealed record EvalQuestion(string Id, string Expect, IReadOnlyList<string> Codes, string Question)
{
    public bool IsUnmet => Expect == "unmet";

    /// <summary>
    /// Reads the TSV format of searcheval.py: <c>id TAB expect TAB codes TAB question</c>; lines starting with '#' and
    /// blank lines are skipped; codes are comma-separated (empty for unmet).
    /// </summary>
    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        var questions = new List<EvalQuestion>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var columns = line.Split('\t');
            if (columns.Length != 4)
                throw new FormatException($"{path}, line {number}: expected 4 tab-separated columns (id, expect, codes, question), found {columns.Length}.");
            if (columns[1] is not ("answer" or "clarify" or "unmet"))
                throw new FormatException($"{path}, line {number}: expect is '{columns[1]}', not one of answer, clarify, unmet.");
            questions.Add(new EvalQuestion(columns[0], columns[1], columns[2].Split(',').Where(c => c.Length > 0).ToList(), columns[3]));
        }
        return questions;
    }
}
