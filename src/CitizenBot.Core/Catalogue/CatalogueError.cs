namespace CitizenBot.Core.Catalogue;

/// <summary>One problem in a catalogue file, precise enough for an official to fix it.</summary>
/// <param name="File">The file, as given (relative paths stay relative).</param>
/// <param name="Record">Which record: "#3 (1.001193)", "line 12", or empty for the whole file.</param>
/// <param name="Field">The field at fault, or empty.</param>
public sealed record CatalogueError(string File, string Record, string Field, string Message)
{
    public override string ToString() =>
        $"{File}{(Record.Length > 0 ? $", {Record}" : "")}{(Field.Length > 0 ? $", field '{Field}'" : "")}: {Message}";
}

/// <summary>Thrown when a catalogue cannot be loaded as a whole; nothing is half-loaded.</summary>
public sealed class CatalogueLoadException(IReadOnlyList<CatalogueError> errors)
    : Exception($"The catalogue has {errors.Count} error(s):{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Take(50).Select(e => "  " + e)) +
                (errors.Count > 50 ? $"{Environment.NewLine}  … and {errors.Count - 50} more" : ""))
{
    public IReadOnlyList<CatalogueError> Errors { get; } = errors;
}
