using FluentValidation;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Features.Users;

public sealed class InterfacePreferencesTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_person_keeps_their_language_and_digits_on_their_own_profile_only()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var tom = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");

        await App.SendAsync(layla, new SetInterfacePreferences.Command("ar", ArabicIndicDigits: true));

        Assert.Equal(new GetInterfacePreferences.Preferences("ar", true), await App.SendAsync(layla, new GetInterfacePreferences.Query()));
        Assert.Equal(new GetInterfacePreferences.Preferences(null, false), await App.SendAsync(tom, new GetInterfacePreferences.Query()));
    }

    [Fact]
    public async Task A_language_Newsroom_does_not_speak_is_refused_and_changes_nothing()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        await App.SendAsync(layla, new SetInterfacePreferences.Command("en", false));

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(layla, new SetInterfacePreferences.Command("de", true)));

        Assert.Contains("Choose an interface language Newsroom speaks: en or ar.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(new GetInterfacePreferences.Preferences("en", false), await App.SendAsync(layla, new GetInterfacePreferences.Query()));
    }
}
