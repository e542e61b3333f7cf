using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common.Behaviors;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;

namespace Newsroom.Application.Tests.Common;

[Collection(DatabaseCollection.Name)]
public sealed class MediatorRegistrationTests(ApplicationFixture app)
{
    public static TheoryData<Type> Requests()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(ApplicationRegistration).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && ResponseOf(t) is not null))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Every_request_has_a_handler(Type request)
    {
        using var scope = app.Services.CreateScope();
        var handlerType = typeof(IRequestHandler<,>).MakeGenericType(request, ResponseOf(request)!);

        Assert.Single(scope.ServiceProvider.GetServices(handlerType));
    }

    [Fact]
    public void Behaviors_run_logging_then_riding_out_the_database_then_announcing_then_audit_then_authorization_then_validation()
    {
        using var scope = app.Services.CreateScope();
        var behaviors = scope.ServiceProvider
            .GetServices<IPipelineBehavior<CreateStory.Command, CreateStory.Result>>()
            .Select(b => b.GetType().GetGenericTypeDefinition());

        Assert.Equal(
            [typeof(LoggingBehavior<,>), typeof(RideOutDatabaseBehavior<,>), typeof(PublishAfterAuditBehavior<,>), typeof(AuditBehavior<,>),
                typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>)],
            behaviors);
    }

    [Fact]
    public void Validators_are_found_by_scanning()
    {
        using var scope = app.Services.CreateScope();

        Assert.IsType<CreateStory.Validator>(
            Assert.Single(scope.ServiceProvider.GetServices<IValidator<CreateStory.Command>>()));
    }

    [Fact]
    public void Every_validator_is_built_once_for_the_process_not_per_request()
    {
        var validators = typeof(ApplicationRegistration).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            .Distinct()
            .ToList();
        Assert.NotEmpty(validators);

        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        foreach (var contract in validators)
        {
            Assert.Same(first.ServiceProvider.GetRequiredService(contract), second.ServiceProvider.GetRequiredService(contract));
        }
    }

    private static Type? ResponseOf(Type request) =>
        request.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            ?.GetGenericArguments()[0];
}
