import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AppError } from '../errors/app-error.js';
import { ValidateArrayPipe } from './validation.js';

class Rating {
  @IsString()
  pillarId: string;

  @IsInt()
  @Max(4)
  score: number;
}

class Row {
  @IsString()
  title: string;

  @ValidateNested({ each: true })
  @Type(() => Rating)
  ratings: Rating[];
}

describe('ValidateArrayPipe', () => {
  const pipe = new ValidateArrayPipe(Row, 3);

  it('names problems by row index and nested path', async () => {
    const error: unknown = await pipe
      .transform([{ title: 'ok', ratings: [] }, { title: 5, ratings: [{ pillarId: 'p', score: 9 }], extra: true }])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const fields = ((error as AppError).details?.fields as { field: string }[]).map((field) => field.field).sort();
    expect(fields).toEqual(['1.extra', '1.ratings.0.score', '1.title']);
  });

  it('refuses a body that is not an array or is too long', async () => {
    await expect(pipe.transform({})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(pipe.transform([{}, {}, {}, {}])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('returns class instances when every row is valid', async () => {
    const rows = await pipe.transform([{ title: 'a', ratings: [{ pillarId: 'p', score: 3 }] }]);
    expect(rows[0]).toBeInstanceOf(Row);
  });
});
