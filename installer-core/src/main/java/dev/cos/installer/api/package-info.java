/**
 * The engine's JSON contract, in one home: what the CLI writes ({@code --json} answers, the
 * {@code --progress=json} events of docs/progress-protocol.md) and the GUI reads, as the same records,
 * through one mapper ({@link dev.cos.installer.api.Json}); and the GUI's requests
 * ({@link dev.cos.installer.api.EngineRequest}), which render the CLI's arguments. Depends on the JDK and
 * Jackson only (ApiDependenciesTest): no engine package, no JavaFX.
 *
 * <p>Names: an answer whose natural name core already uses for its own model is named after its verb
 * ({@code StatusAnswer}, {@code DiagnoseAnswer}); the CLI maps core's records onto these, and
 * cli.JsonContractTest checks that no field is lost on the way.
 */
package dev.cos.installer.api;
