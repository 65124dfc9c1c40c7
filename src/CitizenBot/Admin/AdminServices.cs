using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Limits;
using CitizenBot.Demand;
using CitizenBot.Hosting;
using CitizenBot.Postgres;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Admin;

/// <summary>Names shared by the dashboard's authentication and authorization.</summary>
public static class AdminAuth
{
    public const string Scheme = "CitizenBotAdmin";
    public const string ViewerPolicy = "DemandViewer";
    public const string AdminPolicy = "DemandAdmin";
    public const string ProvinceClaim = "citizenbot:province";
    public const string StampClaim = "citizenbot:stamp";
    public const string CookieName = ".CitizenBot.Admin";
    public const string AntiforgeryCookieName = ".CitizenBot.Admin.Af";
    public const string AntiforgeryField = "__af";
    public const string LoginPath = "/admin/dang-nhap";
    /// <summary>A session ends this long after the last request (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static bool IsApi(PathString path) => path.StartsWithSegments("/admin/api");

    /// <summary>The claims of a signed-in user; the stamp changes when the password, role or provinces change.</summary>
    public static ClaimsPrincipal Principal(AdminUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(StampClaim, Stamp(user)),
        };
        claims.AddRange(user.Provinces.Select(p => new Claim(ProvinceClaim, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string Stamp(AdminUser user) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.PasswordHash}|{user.Role}|{string.Join(",", user.Provinces.Order(StringComparer.Ordinal))}")))[..24];
}

public static class AdminServices
{
    /// <summary>
    /// Cookie sign-in for /admin (HttpOnly, SameSite=Strict, path /admin, 8 h sliding) holding only the id of a
    /// server-side session (<see cref="AdminSessionStore"/>), the sign-in throttle, the viewer/admin policies,
    /// anti-forgery for every form, and the data-protection keys those cookies are sealed with: in the data
    /// directory, or in PostgreSQL so that every replica can read them.
    /// </summary>
    public static IServiceCollection AddAdminDashboard(this IServiceCollection services)
    {
        // The data-protection key ring these cookies are sealed with: BotHost's AddKeyRing (Hosting/KeyRingServices.cs).

        services.AddAuthentication()
            .AddCookie(AdminAuth.Scheme, o =>
            {
                o.Cookie.Name = AdminAuth.CookieName;
                o.Cookie.Path = "/admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = AdminAuth.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = AdminAuth.LoginPath;
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => AdminAuth.IsApi(context.Request.Path)
                        ? WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Chưa đăng nhập / Not signed in",
                            "Đăng nhập tại /admin/dang-nhap trước khi gọi API này.")
                        : Redirect(context),
                    OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                        "Không có quyền / Forbidden", "Tài khoản của bạn không được xem nội dung này."),
                    OnValidatePrincipal = ValidateStampAsync,
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(AdminAuth.Scheme).Configure<IDemandStore, TimeProvider>((o, store, time) =>
            o.SessionStore = new AdminSessionStore(store, time));
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuth.ViewerPolicy, p => p.AddAuthenticationSchemes(AdminAuth.Scheme).RequireAuthenticatedUser()
                .RequireRole(nameof(AdminRole.Admin), nameof(AdminRole.Viewer)))
            .AddPolicy(AdminAuth.AdminPolicy, p => p.AddAuthenticationSchemes(AdminAuth.Scheme).RequireAuthenticatedUser()
                .RequireRole(nameof(AdminRole.Admin)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AdminAuth.AntiforgeryCookieName;
            o.Cookie.Path = "/admin";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = AdminAuth.AntiforgeryField;
        });
        services.AddOptions<AdminSignInOptions>().BindConfiguration(AdminSignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminSignInOptions>, AdminSignInOptionsValidator>();
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A user deleted, demoted or given a new password is signed out at the next request.</summary>
    static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var store = context.HttpContext.RequestServices.GetRequiredService<IDemandStore>();
        var user = name is null ? null : await store.FindUserAsync(name, context.HttpContext.RequestAborted);
        if (user is null || AdminAuth.Stamp(user) != context.Principal!.FindFirst(AdminAuth.StampClaim)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.Scheme);
        }
    }

    public static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
