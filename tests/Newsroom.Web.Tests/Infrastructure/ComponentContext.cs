using Bunit;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Tests.Infrastructure;

public static class ComponentContext
{
    /// <summary>A bUnit context with what every component injects: the interface's strings and number format.</summary>
    public static BunitContext New()
    {
        var context = new BunitContext();
        context.Services.AddNewsroomLocalization();
        return context;
    }
}
