namespace CitizenBot.Core.Search;

/// <summary>
/// Every weight and threshold that decides which procedure answers a question, each with its meaning, in one place.
/// <para>
/// A candidate's score (<see cref="RankFeatures.Score"/>) is the weighted sum of four features, each 0–1 —
/// <see cref="Title"/> × title match ÷ (1 + <see cref="TitlePairs"/>) + <see cref="NameCoverage"/> × name coverage +
/// <see cref="Evidence"/> × evidence + <see cref="Phrase"/> × phrase — whose weights sum to 1, so the features' part
/// is 0–1 (about 1 when a title says exactly what the question asks). The priors (<see cref="CitizenApplicantPrior"/>,
/// <see cref="CitizenLevelPrior"/>, <see cref="ProvinceLinkPrior"/>: at most 0.041 together) are added after it, as
/// tie-breakers: a score may pass 1 by that much. <see cref="MatchPolicy"/>'s thresholds are in these units.
/// </para>
/// <para>
/// <see cref="Tuned"/> was chosen by a grid search on the tuning sets (dev, independent, tuning A), as round values on
/// a plateau where every neighbour scores within a question or two, and checked on the held-out sets by aggregate only
/// (tests/eval/README.md). Change a value only with the figures of <c>citizenbot eval</c> before and after.
/// </para>
/// </summary>
public sealed record RankingWeights
{
    /// <summary>The values the engine uses.</summary>
    public static RankingWeights Tuned { get; } = new();

    // The features of the score (Reranker). The question's own word pairs found in a name ("phrase") are a stronger
    // sign than the title's F-measure alone.

    /// <summary>Weight of the title match: the best title's F-measure of question coverage and precision, plus its word pairs.</summary>
    public double Title { get; init; } = 0.50;
    /// <summary>Weight of name coverage: the question's concepts (weighted by rarity) found anywhere in the name and aliases.</summary>
    public double NameCoverage { get; init; } = 0.12;
    /// <summary>Weight of evidence: the question's concepts found in the name, else the field or the body.</summary>
    public double Evidence { get; init; } = 0.15;
    /// <summary>Weight of phrase: the share of the question's adjacent word pairs ("khai sinh") found in the name.</summary>
    public double Phrase { get; init; } = 0.23;

    /// <summary>
    /// How much the title's word pairs found in the question add to its match (up to 1 + this, then scaled back to 0–1).
    /// In a long, story-like question every title covers little of it; the one whose own phrases the citizen said
    /// ("khai tử", "giám hộ") is the answer.
    /// </summary>
    public double TitlePairs { get; init; } = 0.2;
    /// <summary>β² of the title F-measure: how much more coverage of the question counts than precision.</summary>
    public double CoverageBias { get; init; } = 3.0;
    /// <summary>How much a who-may-apply word in a name ("… cho người nước ngoài") counts against a match.</summary>
    public double Qualifier { get; init; } = 0.3;
    /// <summary>Precision factor for each variant marker in a name ("cấp lại", "kết hợp") the question does not ask for.</summary>
    public double UnaskedModifierFactor { get; init; } = 0.8;
    /// <summary>How much a concept found only in the field counts towards evidence (1 in the name).</summary>
    public double FieldEvidence { get; init; } = 0.8;
    /// <summary>How much a concept found only in the body counts towards evidence.</summary>
    public double BodyEvidence { get; init; } = 0.6;

    // Priors: small tie-breakers added to the score, fixed per procedure (LuceneSearcher).

    /// <summary>The procedure is open to citizens ("Công dân", "Cá nhân", "Hộ gia đình" …): citizens ask CitizenBot.</summary>
    public double CitizenApplicantPrior { get; init; } = 0.02;
    /// <summary>Among level variants, the one done at the commune or province is the one a citizen uses.</summary>
    public double CitizenLevelPrior { get; init; } = 0.001;
    /// <summary>The procedure has its own link for the user's province.</summary>
    public double ProvinceLinkPrior { get; init; } = 0.02;

    // The verdict (MatchPolicy), in units of the score and of the best title's precision.

    /// <summary>Below this score the best candidate explains too little of the question to be plausible on that ground.</summary>
    public double PlausibleScore { get; init; } = 0.35;
    /// <summary>A candidate most of whose title's words the question uses is plausible whatever else the question says.</summary>
    public double PlausiblePrecision { get; init; } = 0.6;
    /// <summary>The lead over the runner-up a candidate that explains the whole question needs to be the answer.</summary>
    public double BaseMargin { get; init; } = 0.02;
    /// <summary>The further lead needed per unit of the question the winner leaves unexplained (1 − score).</summary>
    public double MarginPerUnexplained { get; init; } = 0.1;
    /// <summary>When the runner-up's title also holds the whole question, the further lead needed per unit of the
    /// winner's title the question does not use (1 − title precision): both name what was asked, and the winner's
    /// extra words ("chấm dứt" in "Chấm dứt hoạt động hộ kinh doanh" for "hộ kinh doanh") were not asked.</summary>
    public double MarginPerUnaskedTitle { get; init; } = 0.1;
    /// <summary>How much of the best title a question with out-of-scope words ("giá sầu riêng") must use to be about that
    /// procedure all the same: more than <see cref="PlausiblePrecision"/>, since a word typed without accents meets titles
    /// by chance ("ma gia sau rieng" and "mã số vùng trồng").</summary>
    public double OutOfScopeNamedPrecision { get; init; } = 0.7;
    /// <summary>A question naming a need the catalogue may lack (gaps.txt) that uses this much of the title of one of the
    /// candidates it would be offered names that procedure too ("mẹ em hưởng trợ cấp người cao tuổi, giờ muốn làm căn
    /// cước"): it is offered, not turned into unmet demand.</summary>
    public double GapNamedPrecision { get; init; } = 0.85;
    /// <summary>A title covering this much of the question holds the whole question.</summary>
    public double WholeQuestionCoverage { get; init; } = 0.95;
    /// <summary>The question holds (nearly) every word of one of the winner's titles: it names the procedure.</summary>
    public double NamedPrecision { get; init; } = 0.95;
    /// <summary>How much less of the runner-up's best title the question may hold for the naming to decide.</summary>
    public double NamingLead { get; init; } = 0.2;
    /// <summary>A lead this wide over the runner-up settles the question though the winner's title is only partly used.</summary>
    public double WideLead { get; init; } = 0.15;
    /// <summary>How much of the winner's title a question with a <see cref="WideLead"/> must still use.</summary>
    public double WideLeadPrecision { get; init; } = 0.45;
}
