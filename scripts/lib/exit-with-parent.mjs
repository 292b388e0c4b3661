// Preloaded into the page renderer (node --import): it exits as soon as the build that started it
// is gone (killed), instead of waiting for model files that will never come.
const parent = Number(process.env.SUNLIGHT_PARENT_PID);
if (parent) setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 200).unref();
