import { IsInt, IsString, validate, type ValidationError } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

class Base {
  @IsString()
  name: string;
}

class Child extends Base {
  @IsInt()
  age: number;
}

class Later {
  @IsString()
  title: string;

  count: unknown;
}

const failed = (errors: ValidationError[]): string[] => errors.map((error) => error.property).sort();

const make = <T extends object>(type: new () => T, values: Partial<T>): T => Object.assign(new type(), values);

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('gives the same answers on every validation, with the rules of the parent classes', async () => {
    for (let pass = 0; pass < 3; pass += 1) {
      expect(failed(await validate(make(Child, { name: 3 as unknown as string, age: 'x' as unknown as number })))).toEqual(['age', 'name']);
      expect(failed(await validate(make(Child, { name: 'Ada', age: 36 })))).toEqual([]);
      expect(failed(await validate(make(Base, { name: 'Ada', age: 'x' } as Partial<Base>)))).toEqual([]);
    }
  });

  it('refuses a field the cached rules do not know when whitelisting', async () => {
    const errors = await validate(make(Base, { name: 'Ada', extra: 1 } as Partial<Base>), { whitelist: true, forbidNonWhitelisted: true });
    expect(failed(errors)).toEqual(['extra']);
  });

  it('sees a rule added after the class was first validated', async () => {
    expect(failed(await validate(make(Later, { title: 'ok', count: 'many' })))).toEqual([]);
    IsInt()(Later.prototype, 'count');
    expect(failed(await validate(make(Later, { title: 'ok', count: 'many' })))).toEqual(['count']);
  });

  it('installs once however often it is called', async () => {
    cacheValidationMetadata();
    cacheValidationMetadata();
    expect(failed(await validate(make(Child, { name: 'Ada', age: 1.5 })))).toEqual(['age']);
  });
});
