// Reads the batches UpdateBatchParityTests sends on stdin ([{ field, fromVersion, batch }]) with the editor's own
// readBatch (ClientApp/src/receive.js) and prints each batch's updates as the editor takes them in.
const clientApp = new URL("../../../src/Newsroom.Web/ClientApp/", import.meta.url);
const { readBatch } = await import(new URL("src/receive.js", clientApp).href);

let input = "";
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(JSON.stringify(JSON.parse(input).map(({ field, fromVersion, batch }) => readBatch(field, fromVersion, batch))));
