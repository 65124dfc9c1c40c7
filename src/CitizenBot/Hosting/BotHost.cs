using CitizenBot.Search;

namespace CitizenBot.Hosting;

/// <summary>The web host: the table of contents of what CitizenBot serves.</summary>
public static class BotHost
{
    /// <summary>Command-line spellings that map onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--catalogue"] = "Catalogue:Path",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, SwitchMappings.ToDictionary());
        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
            builder.WebHost.UseUrls("http://localhost:3978");

        builder.Services.AddProblemDetails();
        builder.Services.AddCatalogueAndSearch(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthApi();
        app.MapSearchApi();
        return app;
    }
}
