using CitizenBot.Admin;
using CitizenBot.BotConnector;
using CitizenBot.Conversation;
using CitizenBot.Demand;
using CitizenBot.DirectLine;
using CitizenBot.Provinces;
using CitizenBot.Search;
using CitizenBot.Web;
using CitizenBot.Web.Lookup;

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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = DefaultContentRoot(args) });
        builder.Configuration.AddCommandLine(args, SwitchMappings.ToDictionary());
        builder.AddRedactedRequestLogging();
        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
            builder.WebHost.UseUrls("http://localhost:3978");

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>(); // 503 + Retry-After while the database is unreachable.
        builder.Services.AddKnownProxies(builder.Configuration);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddKeyRing(builder.Configuration);
        builder.Services.AddCatalogueAndSearch(builder.Configuration);
        builder.Services.AddConversation(builder.Configuration);
        builder.Services.AddDemandLog(builder.Configuration);
        builder.Services.AddAdminDashboard(); // /admin: sign-in, sessions and policies.
        builder.Services.AddProvinceLists(builder.Configuration); // Its uploads live in the demand database.
        builder.Services.AddBotConnector(builder.Configuration);
        builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddServerPages(); // Razor components for /admin and /tra-cuu.
        builder.Services.AddLookupPages();
        builder.Services.AddHealth();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseKnownProxies(); // First: everything after sees the citizen's address and the public scheme and host.
        app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(); // Endpoints opt in by policy (DirectLine: what Web Chat on another origin needs).
        app.UseRateLimiter(); // Named policies per channel (BotConnector, DirectLine); endpoints opt in.
        app.UseWebSockets(); // Direct Line streamUrl.

        app.MapHealthApi();
        app.MapSearchApi();
        app.MapBotConnectorApi();
        app.MapDirectLine();
        app.MapChatPage();
        app.MapPageAssets(); // The stylesheets and script of /admin and /tra-cuu.
        app.MapAdmin();
        app.MapClickThrough();
        app.MapLookupPages();
        return app;
    }

    /// <summary>
    /// The folder of the executable, where the build puts appsettings.json, so the host reads its own settings
    /// whatever the working directory (`dotnet run --project src/CitizenBot` runs from where it was typed). Null when
    /// a content root is given (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT): the framework's choice.
    /// </summary>
    static string? DefaultContentRoot(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()[HostDefaults.ContentRootKey];
        return string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null;
    }
}
