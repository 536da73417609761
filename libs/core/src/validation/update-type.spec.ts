import { Transform } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { createValidationPipe } from '../http/validation.js';
import { Nullable, Optional } from './optional.js';
import { UpdateType } from './update-type.js';

class CreateThingDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(5)
  name: string;

  @Optional()
  @IsInt()
  @Min(0)
  count?: number;

  @Nullable()
  @IsString()
  note?: string | null;
}

class UpdateThingDto extends UpdateType(CreateThingDto) {}

async function validated(body: object): Promise<{ ok?: unknown; fields?: unknown }> {
  try {
    return { ok: await createValidationPipe().transform(body, { type: 'body', metatype: UpdateThingDto, data: '' }) };
  } catch (error) {
    if (error instanceof AppError) return { fields: error.details?.fields };
    throw error;
  }
}

describe('UpdateType', () => {
  it('lets every field be left out, and validates and transforms the given ones as on create', async () => {
    expect(await validated({})).toEqual({ ok: {} });
    expect(await validated({ name: '  Ada  ', count: 2 })).toEqual({ ok: { name: 'Ada', count: 2 } });
    expect(await validated({ name: 'Too long', count: -1 })).toEqual({
      fields: [
        { field: 'name', problems: ['name must be shorter than or equal to 5 characters'] },
        { field: 'count', problems: ['count must not be less than 0'] },
      ],
    });
  });

  it('refuses `null` where create does, and lets it clear a Nullable field', async () => {
    expect(await validated({ name: null })).toEqual({
      fields: [{ field: 'name', problems: ['name must be shorter than or equal to 5 characters', 'name must be a string'] }],
    });
    expect((await validated({ count: null })).fields).toMatchObject([{ field: 'count' }]);
    expect(await validated({ note: null })).toEqual({ ok: { note: null } });
  });

  it('keeps refusing fields the create DTO does not know', async () => {
    expect(await validated({ extra: 1 })).toEqual({ fields: [{ field: 'extra', problems: ['extra is not an accepted field'] }] });
  });
});
