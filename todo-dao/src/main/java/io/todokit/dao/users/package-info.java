/** users DAO. */
@NullMarked
package io.todokit.dao.users;

import org.jspecify.annotations.NullMarked;
