// Adding and removing the registers' objects under a community: a service centre, a pairing,
// an old village name through the shared write (createWithin / deleteWithin: version, history,
// audit, the catalogue's rules), a building through buildings.ts, where its area, group and
// organisations follow. The guard answers another town's community or object with the audited 404.
import type { AppContext } from '../../context';
import { reachCommunity } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { EDITABLE, type ObjectType } from '../writes/objects';
import { clientGeometry, createWithin, deleteWithin, getObject, newObjectId } from '../writes/service';
import type { ObjectState } from '../writes/types';
import { createBuilding, deleteBuilding } from './buildings';
import type { CreateRequest } from './types';

/** The objects the registers add and remove (EDITABLE entries with `create`). */
export const CREATABLE = Object.values(EDITABLE).filter((t) => t.create);

/** New ids look like the seeded ones' kind (B000123, SC012) but cannot meet them. */
const PREFIX: Partial<Record<ObjectType, string>> = { building: 'B-', centre: 'SC-' };

export async function createObject(ctx: AppContext, actor: AuthUser, type: ObjectType, body: CreateRequest): Promise<ObjectState> {
  if (type === 'building') return createBuilding(ctx, actor, body);
  const t = EDITABLE[type];
  const community = await reachCommunity(ctx, actor, body.community);
  const geometry = body.geometry === undefined ? undefined : await clientGeometry(ctx, t, body.geometry, body.crs);
  return ctx.db.write(async (trx, touch) => {
    const within = { trx, touch };
    const id = await newObjectId(ctx, within, type, PREFIX[type]);
    return createWithin(ctx, within, actor, {
      type,
      id,
      attributes: body.attributes,
      parent: { community_id: community.id },
      geometry,
      acceptWarnings: body.acceptWarnings,
      ...(geometry ? { note: { crs: body.crs } } : {}),
    });
  });
}

/** Removes what the editor saw (a closed centre, an ended pairing): its last version stays in history. */
export async function removeObject(ctx: AppContext, actor: AuthUser, type: ObjectType, id: string, version: number): Promise<ObjectState> {
  if (type === 'building') return deleteBuilding(ctx, actor, id, version);
  await getObject(ctx, actor, type, id);
  return ctx.db.write((trx, touch) => deleteWithin(ctx, { trx, touch }, actor, { type, id, version }));
}
