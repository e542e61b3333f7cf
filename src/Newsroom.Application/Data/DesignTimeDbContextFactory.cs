using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Newsroom.Application.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web host (which would start a database).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NewsroomDbContext>
{
    public NewsroomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, "Host=localhost;Database=newsroom_design_time");
        return new NewsroomDbContext(options.Options);
    }
}
