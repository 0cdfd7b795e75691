/**
 * Implementation of the Chaos Studio emulator: experiment model and parsing, executions, ARM request
 * handling. Not an API: use {@link dev.cvkit.sandbox.chaos.ChaosStudioEmulator}.
 */
package dev.cvkit.sandbox.chaos.implementation;
