import { main } from '../../server/src/cli/main';
async function go() {
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let out = 0;
    await main(['check', process.argv[2], '--format', 'json', '--fail-on', 'never', '--jobs', '1'], { cwd: process.cwd(), stdout: (s) => { out += s.length; }, stderr: () => undefined, isTty: false });
    const c = process.cpuUsage(c0);
    console.log(`run ${i}: ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms cpu, ${out} chars`);
  }
}
go().then(() => process.exit(0));
