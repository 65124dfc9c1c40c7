namespace CitizenBot.Core.Search;

/// <summary>
/// A long, story-like question is judged by the words that name a procedure: when it names one in full ("… đăng ký kết
/// hôn …": every word of one of its titles) and the first-ranked candidate only in small part — it scored on the
/// story's words ("hai đứa … cùng lúc" against "… kết hợp …") — the named one goes first, provided it scores nearly as
/// well. The verdict still weighs the two (the one passed over stays the runner-up), so a close call is asked, not
/// answered.
/// </summary>
public static class NamedFirst
{
    /// <summary>How far down the ranking a named candidate is looked for.</summary>
    public const int Reach = 3;

    /// <summary>How much lower than the first candidate the named one may score and still go before it.</summary>
    public const double MaxDeficit = 0.06;

    /// <summary>The ranking with the first named candidate within reach moved to the front, when the first is not named.</summary>
    public static List<T> Apply<T>(List<T> ranked, Func<T, RankFeatures> features)
    {
        if (ranked.Count < 2 || features(ranked[0]).TitlePrecision >= MatchPolicy.PlausiblePrecision) return ranked;
        var first = features(ranked[0]).Score;
        var named = Enumerable.Range(1, Math.Min(Reach, ranked.Count - 1)).FirstOrDefault(i =>
            features(ranked[i]) is var f && f.TitlePrecision >= MatchPolicy.NamedPrecision && first - f.Score <= MaxDeficit);
        return named == 0 ? ranked : [ranked[named], .. ranked.Take(named), .. ranked.Skip(named + 1)];
    }
}
