using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace StudyHub.Web.Data;

/// Inserts many new rows with PostgreSQL's binary COPY, inside the context's open transaction. EF Core's
/// batched INSERTs cost several times more for a first import of thousands of notes; the columns come from
/// the EF model, so the two cannot drift apart.
public static class BulkInsert
{
    public static async Task CopyAsync<T>(StudyHubDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Computed columns and identity keys are the database's to fill.
        var columns = entity.GetProperties()
            .Where(p => p.GetComputedColumnSql() is null && !(p.IsKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (Name: p.GetColumnName(table)!, Getter: p.GetGetter(), IsJson: p.GetColumnType() == "jsonb"))
            .ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var (_, getter, isJson) in columns)
            {
                var value = getter.GetClrValue(row);
                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else if (isJson)
                {
                    await writer.WriteAsync(value, NpgsqlDbType.Jsonb, cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, cancellationToken);
                }
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
