using System.Text.Encodings.Web;
using System.Text.Json;

namespace CitizenBot.Core.Presentation;

/// <summary>The view as indented JSON (camelCase, Vietnamese kept readable): for scripts and other tools.</summary>
public static class ProcedureJsonRenderer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable Vietnamese in a terminal and a file; the output is data, never placed in HTML unencoded.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Render(ProcedureView v) => JsonSerializer.Serialize(v, Options) + "\n";
}
