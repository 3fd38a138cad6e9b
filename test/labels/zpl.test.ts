// ZPL for thermal printers, sent over real TCP to a listener on 127.0.0.1 that plays the printer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { renderLabel } from '../../electron/core/labels/index.ts';
import { zplField } from '../../electron/core/labels/escape.ts';
import { sendZpl } from '../../electron/labels/zpl-send.ts';
import { PrinterError } from '../../electron/core/labels/errors.ts';
import { JOB, RETURN_TRACKING, SERIALS, openFixture, packagingJob, settings, type Fixture } from './fixtures.ts';

let f: Fixture;
before(() => {
  f = openFixture();
});
after(() => f.close());

/** A printer on 127.0.0.1: collects what each connection sends until the sender closes. */
function listen(
  onConnection?: (sock: import('node:net').Socket) => void,
): Promise<{ server: Server; port: number; received: Promise<Buffer> }> {
  return new Promise((resolve) => {
    let deliver: (b: Buffer) => void;
    const received = new Promise<Buffer>((r) => {
      deliver = r;
    });
    const server = createServer((sock) => {
      if (onConnection) return onConnection(sock);
      const parts: Buffer[] = [];
      sock.on('data', (d) => parts.push(d));
      sock.on('end', () => {
        deliver(Buffer.concat(parts));
        sock.end();
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, received }));
  });
}

const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

/** The data of every `^FD...^FS` field, with `^FH_` escapes decoded as the printer decodes them. */
function fields(zpl: string): string[] {
  return [...zpl.matchAll(/\^FD(.*?)\^FS/g)].map((m) =>
    Buffer.from(
      m[1]!.replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

describe('ZPL to a network printer', () => {
  test('a return label sent to the printer arrives whole: 4 x 6 at 203 dpi, the tracking number in the Code 128 field, the address', async () => {
    const zpl = renderLabel(f.intake, settings, { kind: 'return', jobName: JOB, returnTrackingNumber: RETURN_TRACKING }, 'zpl').zpl!;
    const { server, port, received } = await listen();
    try {
      const sent = await sendZpl({ host: '127.0.0.1', port }, zpl);
      const got = (await received).toString('utf8');
      assert.equal(got, zpl, 'every byte arrived, in order');
      assert.equal(sent.bytes, Buffer.byteLength(zpl));
      assert.match(got, /^\^XA\n/);
      assert.match(got, /\^XZ\n$/);
      assert.ok(got.includes('^PW812'), 'print width 4 in at 203 dpi');
      assert.ok(got.includes('^LL1218'), 'label length 6 in at 203 dpi');
      assert.ok(got.includes('^CI28'), 'text is UTF-8');
      const bc = /\^BC[^^]*\^FH_\^FD([^^]*)\^FS/.exec(got);
      assert.ok(bc, 'there is a Code 128 field');
      assert.equal(bc[1], RETURN_TRACKING, 'the first Code 128 field carries the tracking number');
      const text = fields(got);
      for (const s of [
        '王小明 Wang Hsiao-ming',
        '中正路 100 號 5 樓',
        '臺北市 中正區 100',
        'TW',
        'Import/Export Receiving Dock',
        '1 Datacenter Way, Dock B',
        'DHL',
        '960112233',
        JOB,
        ...SERIALS,
      ]) {
        assert.ok(text.includes(s), `"${s}" is a field of the label`);
      }
      assert.ok(/^[\x20-\x7e\n]*$/.test(got), 'the stream is plain ASCII: Chinese travels as escaped UTF-8 bytes');
    } finally {
      await close(server);
    }
  });

  test('a drive tag in ZPL is 3 x 2 in with the serial in a Code 128 field', () => {
    const zpl = renderLabel(f.intake, settings, { kind: 'drive-tag', driveId: SERIALS[2] }, 'zpl').zpl!;
    assert.ok(zpl.includes('^PW609') && zpl.includes('^LL406'));
    assert.ok(zpl.includes(`^BCN,100,N,N,N,A^FH_^FD${SERIALS[2]}^FS`));
    assert.ok(zpl.includes(`^FD${JOB}^FS`));
  });

  test('customer text holding ^ and ~ cannot end the label or send a printer command', () => {
    packagingJob(f.intake, 'JOB-CARET-1', ['CARET-D1'], 'CARET-IN-1', {
      recipientName: 'Evil ^XZ^XA^FDinjected~JA',
      streetAddress1: '1 Main St ~DGR:X.GRF',
      city: 'Taipei_City',
      postalCode: '100',
      countryOrRegion: 'TW',
      phone: '^PQ99',
      email: 'a~b@example.com',
    });
    const zpl = renderLabel(f.intake, settings, { kind: 'return', jobName: 'JOB-CARET-1', returnTrackingNumber: 'RT-CARET-1' }, 'zpl').zpl!;
    assert.equal(zpl.match(/\^XA/g)!.length, 1, 'one label start');
    assert.equal(zpl.match(/\^XZ/g)!.length, 1, 'one label end');
    assert.ok(!zpl.includes('~'), 'no tilde command reaches the printer');
    assert.ok(!zpl.includes('^PQ99'));
    for (const m of zpl.matchAll(/\^FD(.*?)\^FS/g)) assert.ok(!/[\^~]/.test(m[1]!), `field data holds no ^ or ~: ${m[1]}`);
    const text = fields(zpl);
    assert.ok(text.includes('Evil ^XZ^XA^FDinjected~JA'), 'the printed name is exactly what the customer wrote');
    assert.ok(text.includes('Taipei_City 100'));
    assert.equal(zplField('a^b~c_d\ne'), 'a_5Eb_7Ec_5Fd e');
  });

  test('a destruction certificate is refused as ZPL: it is a document, printed as PDF', () => {
    assert.throws(() => renderLabel(f.intake, settings, { kind: 'destruction', driveId: 'ORPHAN-002' }, 'zpl'), { code: 'BAD_INPUT' });
  });
});

describe('printer failures', () => {
  test('a printer that refuses the connection gives PRINTER_REFUSED', async () => {
    const { server, port } = await listen();
    await close(server); // the port is free now: nothing listens there
    await assert.rejects(sendZpl({ host: '127.0.0.1', port, timeoutMs: 2000 }, '^XA^XZ'), (e: unknown) => {
      assert.ok(e instanceof PrinterError);
      assert.equal(e.code, 'PRINTER_REFUSED');
      assert.match(e.message, /refused/);
      return true;
    });
  });

  test('a printer that stops taking data gives PRINTER_TIMEOUT', async () => {
    // a printer out of labels: it accepts the connection and never reads, so the send cannot finish
    const held: import('node:net').Socket[] = [];
    const { server, port } = await listen((sock) => {
      sock.pause();
      held.push(sock);
    });
    try {
      const big = '^XA' + '^FX'.padEnd(64 * 1024 * 1024, 'x') + '^XZ';
      await assert.rejects(sendZpl({ host: '127.0.0.1', port, timeoutMs: 400 }, big), (e: unknown) => {
        assert.ok(e instanceof PrinterError);
        assert.equal(e.code, 'PRINTER_TIMEOUT');
        assert.match(e.message, /stopped taking data/);
        return true;
      });
    } finally {
      for (const s of held) s.destroy();
      await close(server);
    }
  });

  test('a printer whose name cannot be found gives PRINTER_UNREACHABLE', async () => {
    await assert.rejects(sendZpl({ host: 'no-such-printer.invalid', port: 9100, timeoutMs: 15000 }, '^XA^XZ'), (e: unknown) => {
      assert.ok(e instanceof PrinterError);
      assert.equal(e.code, 'PRINTER_UNREACHABLE');
      return true;
    });
  });

  test('no printer address gives PRINTER_NOT_SET', async () => {
    await assert.rejects(sendZpl({ host: ' ' }, '^XA^XZ'), { code: 'PRINTER_NOT_SET' });
  });
});
