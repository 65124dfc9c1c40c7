namespace CitizenBot.Core.Dialogs;

/// <summary>One problem in a dialog file, precise enough for whoever edits the wording to fix it.</summary>
/// <param name="Line">1-based line, or 0 when the problem is about the whole file.</param>
/// <param name="Field">The JSON path or template name at fault, or empty.</param>
public sealed record DialogError(string File, int Line, string Field, string Message)
{
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}{(Field.Length > 0 ? $", {Field}" : "")}: {Message}";
}

/// <summary>Thrown when the dialogs cannot be loaded as a whole; start-up stops with every error listed.</summary>
public sealed class DialogLoadException(IReadOnlyList<DialogError> errors)
    : Exception($"The dialogs have {errors.Count} error(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Take(50).Select(e => "  " + e)) +
                (errors.Count > 50 ? $"{Environment.NewLine}  … and {errors.Count - 50} more" : ""))
{
    public IReadOnlyList<DialogError> Errors { get; } = errors;
}
