// Standalone entry point of the reference ClearNode; filled in by the reference-node work.
return 0;
