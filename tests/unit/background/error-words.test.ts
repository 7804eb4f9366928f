import { describe, expect, it } from 'vitest';
import { describeError, fileRefused } from '../../../lib/background/error-words';
import { NotFoundError, ValidationError } from '../../../lib/storage/errors';

describe('describeError: every failure in words for the reader', () => {
  it('passes storage errors on as they are (they are written for the reader)', () => {
    expect(describeError(new NotFoundError('entities', 'abc'))).toBe('entity "abc" does not exist (it may have been deleted)');
    expect(describeError(new ValidationError('entity', ['name: must not be empty']))).toBe('invalid entity: name: must not be empty');
  });

  it('says a full disk clearly, however the browser wraps it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const wrapped = Object.assign(new Error('AbortError'), { cause: quota });
    for (const err of [quota, wrapped]) expect(describeError(err)).toMatch(/no more storage space.*Nothing was changed\./);
  });

  it('names a newer database and a closed connection; anything else is its message', () => {
    expect(describeError(new DOMException('x', 'VersionError'))).toMatch(/newer version of the extension/);
    expect(describeError(new DOMException('x', 'InvalidStateError'))).toMatch(/connection was closed/);
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('a string')).toBe('a string');
  });

  it('a refused file lists every problem and says nothing changed', () => {
    expect(fileRefused(['a: bad', 'b: worse']).message).toBe('The file was not imported, nothing changed. a: bad; b: worse');
  });
});
