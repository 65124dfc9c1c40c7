using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation;

public static class ConversationServices
{
    /// <summary>
    /// The conversation: dialogs (from the bound <see cref="DialogOptions"/>, loaded and validated by a start-up step, so a
    /// bad dialog file stops start-up with file, line and field), the idle sweeper of conversation state (whose store
    /// <c>AddStorage</c> chose) and the bot the channels call; the bot records demand through the demand log (<c>AddDemandLog</c>).
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DialogOptions>().Bind(configuration.GetSection(DialogOptions.Section));
        services.AddSingleton(sp => DialogSet.Load(sp.GetRequiredService<IOptions<DialogOptions>>().Value.ResolvedPath));
        services.AddHostedService<DialogStartup>();

        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ConversationSweeper>();

        services.AddSingleton<DialogBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<DialogBot>());
        services.AddSingleton<IBotErrorRecovery>(sp => sp.GetRequiredService<DialogBot>());
        services.TryAddSingleton<BotAdapter>();
        return services;
    }
}

/// <summary>Loads the dialogs when the host starts (before it listens), so a bad dialog file stops start-up, not a first turn.</summary>
sealed class DialogStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<DialogSet>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
